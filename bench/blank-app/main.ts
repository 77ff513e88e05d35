import { createApp, h } from 'vue'

// The reference for cold start: the smallest Vue page with a form, built and served like the app.
createApp({
  render: () => h('form', { onSubmit: (e: Event) => e.preventDefault() }, [
    h('label', ['Naam ', h('input', { name: 'naam' })]),
    h('button', { type: 'submit' }, 'Opslaan'),
  ]),
}).mount('#app')
