// Starts dynalite (in memory) on 127.0.0.1 and a free port, printing "DYNALITE_PORT <port>" once it
// listens; exits when its standard input closes, so it never outlives the test JVM that started it.
// Usage: node dynalite-server.js   (after: npm ci --prefix src/test/node)
'use strict'
const dynalite = require('dynalite')
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
server.listen(0, '127.0.0.1', () => {
  process.stdout.write('DYNALITE_PORT ' + server.address().port + '\n')
})
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
