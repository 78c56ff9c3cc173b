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
const stop = () => {
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
