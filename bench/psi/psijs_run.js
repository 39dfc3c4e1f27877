// OpenMined's psi.js on the same sets as vigil: node psijs_run.js SERVER.txt CLIENT.txt
// (one name per line). Prints JSON: seconds per step, bytes per side, the
// intersection's size. Run by bench/psi.py.
const fs = require('fs')
const path = require('path')
const PSI = require(path.join(__dirname, 'node_modules', '@openmined', 'psi.js'))

const lines = (file) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0)

;(async () => {
  const psi = await PSI()
  const serverInputs = lines(process.argv[2])
  const clientInputs = lines(process.argv[3])
  const fpr = 1e-9  // vigil's tags collide with probability 2^-128
  const t = {}
  let start = process.hrtime.bigint()
  const lap = (name) => {
    const now = process.hrtime.bigint()
    t[name] = Number(now - start) / 1e9
    start = now
  }
  const server = psi.server.createWithNewKey(true)
  const setup = server.createSetupMessage(fpr, clientInputs.length, serverInputs).serializeBinary()
  lap('setup')
  const client = psi.client.createWithNewKey(true)
  const request = client.createRequest(clientInputs).serializeBinary()
  lap('request')
  const response = server.processRequest(psi.request.deserializeBinary(request)).serializeBinary()
  lap('respond')
  const found = client.getIntersection(psi.serverSetup.deserializeBinary(setup),
                                       psi.response.deserializeBinary(response))
  lap('finish')
  console.log(JSON.stringify({seconds: t, bytes: {setup: setup.length, request: request.length,
                                                 response: response.length},
                              intersection: found.length}))
})()
