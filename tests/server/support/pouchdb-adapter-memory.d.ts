// pouchdb-adapter-memory ships no types; it is a plain PouchDB plugin.
declare module 'pouchdb-adapter-memory' {
  const plugin: PouchDB.Plugin
  export default plugin
}
