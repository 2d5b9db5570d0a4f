/* obsidian-to-mkdocs: the site graph's force layout, off the page's thread (see graph.js).
 * In: { n, links: [[source, target], ...], radii, ticks }. Out, every ~40 ms and at the end:
 * { ticks, done, xy: Float32Array [x0, y0, x1, y1, ...] }. */
importScripts(
  "../vendor/d3-dispatch/d3-dispatch.min.js",
  "../vendor/d3-quadtree/d3-quadtree.min.js",
  "../vendor/d3-timer/d3-timer.min.js",
  "../vendor/d3-force/d3-force.min.js"
)

onmessage = function (event) {
  var data = event.data
  var sim = layout(data.n, data.links, data.radii, data.ticks)
  var ticks = 0
  while (ticks < data.ticks) {
    var start = Date.now()
    do {
      sim.tick()
      ticks++
    } while (ticks < data.ticks && Date.now() - start < 40)
    var xy = new Float32Array(2 * data.n)
    sim.nodes().forEach(function (d, i) { xy[2 * i] = d.x; xy[2 * i + 1] = d.y })
    postMessage({ ticks: ticks, done: ticks >= data.ticks, xy: xy }, [xy.buffer])
  }
}

// Shared with graph.js's fallback (same forces, same parameters).
function layout(n, pairs, radii, ticks) {
  var nodes = []
  for (var i = 0; i < n; i++) nodes.push({ r: radii[i] })
  var degree = new Uint32Array(n)
  var links = pairs.map(function (l) {
    degree[l[0]]++
    degree[l[1]]++
    return { source: l[0], target: l[1] }
  })
  var sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).distance(28))
    .force("charge", d3.forceManyBody().strength(-40).theta(0.9).distanceMax(600))
    // notes without links are pulled in harder, or they would drift out into a wide ring
    .force("x", d3.forceX(0).strength(function (d, i) { return degree[i] ? 0.04 : 0.12 }))
    .force("y", d3.forceY(0).strength(function (d, i) { return degree[i] ? 0.04 : 0.12 }))
    .alphaDecay(1 - Math.pow(0.001, 1 / ticks))
    .stop()
  if (n <= 1000)
    sim.force("collide", d3.forceCollide(function (d) { return d.r + 1 }).iterations(1))
  return sim
}
