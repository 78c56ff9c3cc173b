// The Node.js runtime of `wildrydes process -runtime nodejs`: a Lambda Runtime API client in plain
// Node.js (no native build, unlike the npm aws-lambda-ric). It loads the handler named by _HANDLER
// ("index.handler": the export `handler` of index.js, .mjs or .cjs under LAMBDA_TASK_ROOT), then loops:
// GET /runtime/invocation/next, call the handler (async, or callback style with 3 parameters),
// POST the result to /response or the error to /error ({errorType, errorMessage, trace}, type also in
// Lambda-Runtime-Function-Error-Type). Load failures go to /init/error, as Lambda's Node.js runtime does.
'use strict'
const http = require('http')
const path = require('path')
const fs = require('fs')
const { pathToFileURL } = require('url')

const api = process.env.AWS_LAMBDA_RUNTIME_API
const [host, port] = api.split(':')
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
let currentRequestId
let inInvocation = false

function request (method, route, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method, path: '/2018-06-01/runtime/' + route, agent, headers: headers || {} }, res => {
      const chunks = []
      res.on('data', c => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

function toRapidResponse (error) {
  if (error instanceof Error || (error && typeof error.message === 'string' && typeof error.name === 'string')) {
    return { errorType: error.name, errorMessage: error.message, trace: String(error.stack || '').split('\n') }
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] }
}

function postError (route, error) {
  const response = toRapidResponse(error)
  const body = JSON.stringify(response)
  return request('POST', route, body, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Lambda-Runtime-Function-Error-Type': response.errorType
  })
}

class RuntimeError extends Error {
  constructor (name, message) { super(message); this.name = 'Runtime.' + name }
}

async function loadHandler () {
  const root = process.env.LAMBDA_TASK_ROOT || process.cwd()
  const handlerString = process.env._HANDLER || ''
  const base = path.basename(handlerString)
  const dot = base.indexOf('.')
  if (dot <= 0 || dot === base.length - 1) throw new RuntimeError('MalformedHandlerName', "Bad handler")
  const moduleRoot = path.dirname(handlerString)
  const moduleName = base.slice(0, dot)
  const functionPath = base.slice(dot + 1).split('.')
  const file = path.resolve(root, moduleRoot, moduleName)
  let loaded
  const exists = f => fs.existsSync(f)
  try {
    if (exists(file + '.js')) {
      const pkg = path.join(path.dirname(file), 'package.json')
      const isModule = exists(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module'
      loaded = isModule ? await import(pathToFileURL(file + '.js').href) : require(file + '.js')
    } else if (exists(file + '.mjs')) {
      loaded = await import(pathToFileURL(file + '.mjs').href)
    } else if (exists(file + '.cjs')) {
      loaded = require(file + '.cjs')
    } else {
      throw new RuntimeError('ImportModuleError', "Error: Cannot find module '" + path.join(moduleRoot, moduleName) + "'")
    }
  } catch (e) {
    if (e instanceof RuntimeError) throw e
    if (e instanceof SyntaxError) throw new RuntimeError('UserCodeSyntaxError', String(e))
    throw new RuntimeError('ImportModuleError', String(e))
  }
  let handler = loaded
  for (const part of functionPath) handler = handler == null ? undefined : handler[part]
  if (handler === undefined) throw new RuntimeError('HandlerNotFound', handlerString + ' is undefined or not exported')
  if (typeof handler !== 'function') throw new RuntimeError('HandlerNotFound', handlerString + ' is not a function')
  return handler
}

function context (headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms'])
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now())
  }
}

function run (handler, event, ctx) {
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const callback = (error, result) => (error !== undefined && error !== null ? reject(error) : resolve(result))
      ctx.done = callback
      ctx.succeed = result => resolve(result)
      ctx.fail = error => reject(error == null ? new Error('handled') : error)
      try {
        const returned = handler(event, ctx, callback)
        if (returned && typeof returned.then === 'function') returned.then(resolve, reject)
      } catch (e) { reject(e) }
    })
  }
  return Promise.resolve().then(() => handler(event, ctx))
}

// Lambda's console format: time, request id, level, message.
for (const [level, method] of [['INFO', 'log'], ['INFO', 'info'], ['WARN', 'warn'], ['ERROR', 'error'], ['DEBUG', 'debug']]) {
  const write = method === 'error' || method === 'warn' ? process.stderr : process.stdout
  console[method] = (...args) => {
    const text = require('util').format(...args).replace(/\n/g, '\r')
    write.write(new Date().toISOString() + '\t' + (currentRequestId || 'undefined') + '\t' + level + '\t' + text + '\n')
  }
}

async function fatal (error, code) {
  try {
    if (inInvocation && currentRequestId) await postError('invocation/' + currentRequestId + '/error', error)
    else await postError('init/error', error)
  } catch (_) { /* the tool sees the exit */ }
  process.exit(code)
}
process.on('uncaughtException', e => { console.error('Uncaught Exception', e); fatal(e, 129) })
process.on('unhandledRejection', reason => {
  const e = new RuntimeError('UnhandledPromiseRejection', String(reason && reason.stack ? reason.stack : reason))
  console.error('Unhandled Promise Rejection', e)
  fatal(e, 128)
})

async function main () {
  let handler
  try {
    handler = await loadHandler()
  } catch (e) {
    console.error(e.name + ': ' + e.message)
    await postError('init/error', e)
    process.exit(1)
  }
  for (;;) {
    const next = await request('GET', 'invocation/next')
    if (next.status !== 200) throw new Error('next invocation: HTTP ' + next.status + ' ' + next.body)
    const id = next.headers['lambda-runtime-aws-request-id']
    currentRequestId = id
    inInvocation = true
    if (next.headers['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id']
    let result
    let failed = null
    try {
      result = await run(handler, JSON.parse(next.body.toString('utf8')), context(next.headers))
    } catch (e) {
      failed = e
      console.error('Invoke Error', JSON.stringify(toRapidResponse(e)))
    }
    if (failed !== null) {
      await postError('invocation/' + id + '/error', failed)
    } else {
      const body = JSON.stringify(result === undefined ? null : result)
      await request('POST', 'invocation/' + id + '/response', body, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
    }
    inInvocation = false
  }
}
main().catch(e => { console.error(e); process.exit(1) })
