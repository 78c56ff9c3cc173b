// dynalite (in memory) on 127.0.0.1 and the given port, table state changes instant: the
// DynamoDB-compatible server the tables rows compare against. Usage: node dynalite.js --port N
'use strict'
const dynalite = require('dynalite')
const port = Number(process.argv[process.argv.indexOf('--port') + 1])
dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }).listen(port, '127.0.0.1')
