import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import { createDataLayer, setDataLayer } from './stores/data'
import './styles/main.css'

// The data layer exists before the router starts: its first guard reads the stored profile.
setDataLayer(createDataLayer())

const app = createApp(App)
app.use(createPinia())
app.use(createAppI18n())
app.use(createAppRouter())
app.mount('#app')
