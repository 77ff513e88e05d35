// Node 20 has no `navigator`; pouchdb-adapter-indexeddb reads `navigator.userAgent` when it creates
// a database, and without it the first transaction aborts on fake-indexeddb.
(globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'Node.js' }
