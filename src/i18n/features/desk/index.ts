import { defineMessages } from '../define'
import en from './en'
import fr from './fr'
import nl from './nl'

/* The desk's texts, one file per language (there are many: residents, the form, drafts, today). */
export default defineMessages({ nl, fr, en })
