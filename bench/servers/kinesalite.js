#!/usr/bin/env node
// Starts kinesalite bound to 127.0.0.1 only (its own CLI listens on every interface).
// Same options as kinesalite's CLI: --port, --path (LevelDB dir; in memory without it),
// --createStreamMs, --deleteStreamMs, --updateStreamMs, --shardLimit.
'use strict'
const path = require('path')
const argv = require('minimist')(process.argv.slice(2))
const kinesalite = require(path.join(__dirname, '..', 'node_modules', 'kinesalite'))
const port = argv.port || 4567
const server = kinesalite(argv).listen(port, '127.0.0.1', () => {
  console.log('kinesalite ' + require(path.join(__dirname, '..', 'node_modules', 'kinesalite', 'package.json')).version +
    ' listening at http://127.0.0.1:' + port + (argv.path ? ' (LevelDB at ' + argv.path + ')' : ' (in memory)'))
})
// kinesalite rethrows a request's 'aborted' error (index.js: req.on('error', throw)), so one
// client that closes a connection in the middle of a request body kills the whole server. wrk
// does exactly that to the requests in flight when a timed run ends; a real client rarely does.
// Only that error is ignored (and logged), so the peer is measured, not the harness's abort.
process.on('uncaughtException', (err) => {
  if (err && err.code === 'ECONNRESET') {
    console.error('bench: ignored a request aborted by its client (' + err.message + ')')
    return
  }
  console.error(err)
  process.exit(1)
})
const stop = () => {
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
