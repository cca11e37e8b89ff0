// The oracle side of Quoll's semver differential tests: evaluates a batch of calls with the
// pinned node-semver package. Input: { calls: [[name, ...args]], satisfies: {ranges, versions,
// pairs} }. Output: { calls: [result], satisfies: [bitmask] }. A call that throws yields
// {err: message}. Options are encoded as an int: bit 0 loose, bit 1 includePrerelease.
const semver = require('semver')
const opts = (o) => ({ loose: !!(o & 1), includePrerelease: !!(o & 2) })
const parsed = (v) => v === null ? null : v.version
const fns = {
  parse: (v, o) => {
    const s = new semver.SemVer(v, opts(o))
    return [s.version, s.major, s.minor, s.patch, s.prerelease, s.build]
  },
  valid: (v, o) => semver.valid(v, opts(o)),
  clean: (v, o) => semver.clean(v, opts(o)),
  prerelease: (v, o) => semver.prerelease(v, opts(o)),
  coerce: (v, o, rtl) => parsed(semver.coerce(v, { ...opts(o), rtl })),
  inc: (v, release, o, id, base) => semver.inc(v, release, opts(o), id === null ? undefined : id,
    base === null ? undefined : base),
  truncate: (v, type, o) => semver.truncate(v, type, opts(o)),
  compare: (a, b, o) => semver.compare(a, b, opts(o)),
  compareBuild: (a, b, o) => semver.compareBuild(a, b, opts(o)),
  cmp: (a, op, b, o) => semver.cmp(a, op, b, opts(o)),
  diff: (a, b) => semver.diff(a, b),
  sort: (list, o) => semver.sort(list.slice(), opts(o)),
  rsort: (list, o) => semver.rsort(list.slice(), opts(o)),
  range: (r, o) => new semver.Range(r, opts(o)).range,
  validRange: (r, o) => semver.validRange(r, opts(o)),
  toComparators: (r, o) => semver.toComparators(r, opts(o)),
  minVersion: (r, o) => parsed(semver.minVersion(r, opts(o))),
  satisfies: (v, r, o) => semver.satisfies(v, r, opts(o)),
  maxSatisfying: (list, r, o) => semver.maxSatisfying(list, r, opts(o)),
  minSatisfying: (list, r, o) => semver.minSatisfying(list, r, opts(o)),
  intersects: (a, b, o) => semver.intersects(a, b, opts(o)),
  comparatorIntersects: (a, b, o) =>
    new semver.Comparator(a, opts(o)).intersects(new semver.Comparator(b, opts(o)), opts(o)),
  subset: (a, b, o) => semver.subset(a, b, opts(o)),
  gtr: (v, r, o) => semver.gtr(v, r, opts(o)),
  ltr: (v, r, o) => semver.ltr(v, r, opts(o)),
}
const calls = (input.calls || []).map(([name, ...args]) => {
  try {
    const r = fns[name](...args)
    return r === undefined ? null : r
  } catch (e) {
    return { err: String(e.message) }
  }
})
let satisfies = []
if (input.satisfies) {
  const { ranges, versions, pairs } = input.satisfies
  const parsedRanges = ranges.map(r => [0, 1, 2, 3].map(o => {
    try { return new semver.Range(r, opts(o)) } catch (e) { return null }
  }))
  satisfies = pairs.map(([ri, vi]) => {
    let bits = 0
    for (let o = 0; o < 4; o++) {
      const range = parsedRanges[ri][o]
      if (range && range.test(versions[vi])) bits |= 1 << o
    }
    return bits
  })
}
output({ calls, satisfies })
