// The node side of bench/run: the same operations as the JMH benchmarks, timed with npm's own
// libraries (node-semver, minify-registry-metadata) so RESULTS.md can quote ratios from one run.
// Usage: node compare.js <data dir>   (run by bench/run after installing the pinned packages)
'use strict'
const fs = require('fs')
const path = require('path')
const semver = require('semver')
const minify = require('minify-registry-metadata')

const data = process.argv[2]
const text = fs.readFileSync(path.join(data, 'typescript.json'), 'utf8')

function time (name, unit, fn) {
  const scale = unit === 'us' ? 1e3 : 1e6
  let sink
  const warm = Date.now() + 3000
  while (Date.now() < warm) sink = fn()
  const samples = []
  for (let i = 0; i < 5; i++) {
    let n = 0
    const start = process.hrtime.bigint()
    const end = Date.now() + 2000
    while (Date.now() < end) { sink = fn(); n++ }
    samples.push(Number(process.hrtime.bigint() - start) / n / scale)
  }
  samples.sort((a, b) => a - b)
  console.log(`node ${name}: ${samples[2].toFixed(3)} ${unit}/op (median of 5, min ${samples[0].toFixed(3)})`)
  return sink
}

const doc = JSON.parse(text)
const versionStrings = Object.keys(doc.versions)
const versions = versionStrings.map(v => new semver.SemVer(v))
for (const range of ['^5.0.0', '>=4.2.0 <5.1.0 || 5.3.x', '~4.9.0', '*', '5.4.0-dev.20231120 - 5.5']) {
  time(`maxSatisfying(parsed versions, "${range}")`, 'us', () => semver.maxSatisfying(versions, range))
  time(`maxSatisfying(version strings, "${range}")`, 'us', () => semver.maxSatisfying(versionStrings, range))
}
time('packument parse', 'ms', () => JSON.parse(text))
time('packument parse+abbreviate+render', 'ms', () => Buffer.from(JSON.stringify(minify(JSON.parse(text)))))
time('packument render full', 'ms', () => Buffer.from(JSON.stringify(doc)))
