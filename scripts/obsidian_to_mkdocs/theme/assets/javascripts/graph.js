/* obsidian-to-mkdocs: the note graph, drawn from assets/ofm/graph.json (written by the converter).
 *
 * - `.ofm-graph--site` (the graph page): every note on a <canvas>. The force layout (vendored
 *   d3-force) runs a fixed number of ticks in a worker (graph-worker.js) that streams positions,
 *   so a vault of thousands of notes never blocks the tab; labels are capped and placed without
 *   overlap. Wheel zooms, dragging pans, a click on a node opens its page.
 * - The local graph: the current note and its neighbours within one or two links, as SVG links
 *   (real <a> elements: keyboard, middle click and Material's instant navigation all work),
 *   below the table of contents on wide screens, at the end of the article on narrow ones.
 *
 * Runs again on every page reached through instant navigation (Material's `document$`).
 */
(function () {
  "use strict"

  var ROOT = window.ofmSiteRoot  // assets/javascripts/site-root.js, loaded first

  var WORKER = new URL("assets/javascripts/graph-worker.js", ROOT)

  var PALETTE = [
    "#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1",
    "#76b7b2", "#edc948", "#ff9da7", "#9c755f"
  ]
  var OTHER = "#9a9a9a"
  var WIDE = "(min-width: 76.25em)"  // Material shows the table of contents sidebar from here
  var LOCAL_MAX = 24                 // nodes in a local graph
  var SITE_TICKS = 300               // the site graph's simulation, in ticks

  // The converter's names and the words in the site's language (#ofm-settings, written by
  // main.html from shared.py); English and the default path where no plugin wrote them.
  var SETTINGS = (function () {
    var el = document.getElementById("ofm-settings")
    try { return el ? JSON.parse(el.textContent) || {} : {} } catch (e) { return {} }
  })()
  var T = Object.assign(
    { local: "Graph", notes: "notes", links: "links", open: "Full graph", root: "(top level)",
      other: "other", site: "Graph of the notes" },
    SETTINGS.script_words || {})
  var GRAPH_JSON = SETTINGS.graph_json || "assets/ofm/graph.json"

  /* --- data ----------------------------------------------------------------------------- */

  var loading = null
  function load() {
    if (!loading)
      loading = fetch(new URL(GRAPH_JSON, ROOT))
        .then(function (r) {
          if (!r.ok) throw new Error("graph.json: HTTP " + r.status)
          return r.json()
        })
        .then(prepare)
    return loading
  }

  var fullGraph = null  // the graph page's URL, from graph.json (a note may have taken graph/)
  function prepare(raw) {
    fullGraph = typeof raw.page === "string" ? raw.page : null
    var index = new Map()
    var nodes = raw.nodes.map(function (n, i) {
      index.set(n.id, i)
      return { i: i, title: n.title, url: n.url, group: n.group || "", tags: n.tags || [] }
    })
    var adjacent = nodes.map(function () { return new Set() })
    var links = []
    raw.links.forEach(function (l) {
      var s = index.get(l.source), t = index.get(l.target)
      if (s === undefined || t === undefined || s === t) return
      links.push([s, t])
      adjacent[s].add(t)
      adjacent[t].add(s)
    })
    // Colours: the biggest folders get the palette, the rest share one grey.
    var sizes = new Map()
    nodes.forEach(function (n) { sizes.set(n.group, (sizes.get(n.group) || 0) + 1) })
    var groups = Array.from(sizes.keys()).sort(function (a, b) {
      return sizes.get(b) - sizes.get(a) || (a < b ? -1 : 1)
    })
    var colour = new Map()
    groups.forEach(function (g, i) { colour.set(g, i < PALETTE.length ? PALETTE[i] : OTHER) })
    var byUrl = new Map()
    nodes.forEach(function (n) {
      n.degree = adjacent[n.i].size
      n.colour = colour.get(n.group)
      byUrl.set(n.url, n)
    })
    return { nodes: nodes, links: links, adjacent: adjacent, groups: groups, sizes: sizes,
             colour: colour, byUrl: byUrl }
  }

  function href(node) {
    return new URL(node.url.split("/").map(encodeURIComponent).join("/"), ROOT).href
  }

  // The current page as a graph URL ("Folder/Note/"), or null outside the site.
  function currentUrl() {
    var path = decodeURIComponent(location.pathname)
    var root = decodeURIComponent(ROOT.pathname)
    if (path.indexOf(root) !== 0) return null
    return path.slice(root.length).replace(/(^|\/)index\.html$/, "$1")
  }

  // Open a note's page; a modified click opens a new tab.
  function follow(url, event) {
    if (event && (event.ctrlKey || event.metaKey || event.shiftKey || event.button === 1))
      window.open(url, "_blank", "noopener")
    else
      location.assign(url)
  }

  function css(el, name, fallback) {
    var value = getComputedStyle(el).getPropertyValue(name).trim()
    return value || fallback
  }

  /* --- the site graph (canvas) ---------------------------------------------------------- */

  function drawSite(container, g) {
    container.textContent = ""
    container.dataset.nodes = g.nodes.length
    container.dataset.links = g.links.length
    container.dataset.state = "running"

    var canvas = document.createElement("canvas")
    canvas.className = "ofm-graph__canvas"
    canvas.setAttribute("role", "img")
    canvas.setAttribute("aria-label", T.site + ": " + g.nodes.length + " " + T.notes + ", " +
      g.links.length + " " + T.links)
    var info = document.createElement("p")
    info.className = "ofm-graph__info"
    info.textContent = g.nodes.length + " " + T.notes + " · " + g.links.length + " " + T.links
    container.append(canvas, info, legend(g))

    var ctx = canvas.getContext("2d")
    var nodes = g.nodes.map(function (n) { return { n: n, r: 2.5 + Math.sqrt(n.degree) } })
    var links = g.links.map(function (l) { return { source: l[0], target: l[1] } })
    var ranked = nodes.slice().sort(function (a, b) { return b.n.degree - a.n.degree })

    links.forEach(function (l) { l.source = nodes[l.source]; l.target = nodes[l.target] })
    nodes.forEach(function (d, i) {  // d3-force's starting spiral, until the layout reports
      var r = 10 * Math.sqrt(0.5 + i), a = i * Math.PI * (3 - Math.sqrt(5))
      d.x = r * Math.cos(a)
      d.y = r * Math.sin(a)
    })

    var view = { k: 1, x: 0, y: 0 }, fitted = true, hover = null, tree = null
    var width = 0, height = 0, dpr = 1

    function resize() {
      var box = canvas.getBoundingClientRect()
      dpr = window.devicePixelRatio || 1
      width = Math.max(1, box.width)
      height = Math.max(1, box.height)
      canvas.width = Math.round(width * dpr)
      canvas.height = Math.round(height * dpr)
      if (fitted) fit()
      draw()
    }

    function fit() {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
      nodes.forEach(function (d) {
        if (d.x < x0) x0 = d.x
        if (d.x > x1) x1 = d.x
        if (d.y < y0) y0 = d.y
        if (d.y > y1) y1 = d.y
      })
      if (!isFinite(x0)) return
      var pad = 24
      view.k = Math.min(4, (width - 2 * pad) / Math.max(1, x1 - x0),
                        (height - 2 * pad) / Math.max(1, y1 - y0))
      view.x = width / 2 - view.k * (x0 + x1) / 2
      view.y = height / 2 - view.k * (y0 + y1) / 2
    }

    function toScreen(d) { return [view.x + view.k * d.x, view.y + view.k * d.y] }

    function draw() {
      var fg = css(container, "--md-default-fg-color", "#000")
      var faint = css(container, "--md-default-fg-color--lightest", "rgba(0,0,0,.07)")
      var accent = css(container, "--md-accent-fg-color", "#526cfe")
      var bg = css(container, "--md-default-bg-color", "#fff")
      var font = getComputedStyle(container).fontFamily
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
      ctx.clearRect(0, 0, width, height)
      ctx.save()
      ctx.translate(view.x, view.y)
      ctx.scale(view.k, view.k)

      var near = hover ? g.adjacent[hover.n.i] : null
      ctx.lineWidth = 1 / view.k
      ctx.strokeStyle = faint
      ctx.beginPath()
      links.forEach(function (l) {
        ctx.moveTo(l.source.x, l.source.y)
        ctx.lineTo(l.target.x, l.target.y)
      })
      ctx.stroke()
      if (hover) {
        ctx.strokeStyle = accent
        ctx.lineWidth = 1.5 / view.k
        ctx.beginPath()
        links.forEach(function (l) {
          if (l.source === hover || l.target === hover) {
            ctx.moveTo(l.source.x, l.source.y)
            ctx.lineTo(l.target.x, l.target.y)
          }
        })
        ctx.stroke()
      }

      // Nodes, one path per colour; faded while another node is hovered.
      var byColour = new Map()
      nodes.forEach(function (d) {
        var list = byColour.get(d.n.colour)
        if (!list) byColour.set(d.n.colour, list = [])
        list.push(d)
      })
      byColour.forEach(function (list, colour) {
        ctx.fillStyle = colour
        ctx.globalAlpha = hover ? 0.35 : 1
        ctx.beginPath()
        list.forEach(function (d) {
          ctx.moveTo(d.x + d.r, d.y)
          ctx.arc(d.x, d.y, d.r, 0, 2 * Math.PI)
        })
        ctx.fill()
      })
      ctx.globalAlpha = 1
      if (hover) {
        [hover].concat(Array.from(near, function (i) { return nodes[i] })).forEach(function (d) {
          ctx.fillStyle = d.n.colour
          ctx.beginPath()
          ctx.arc(d.x, d.y, d.r, 0, 2 * Math.PI)
          ctx.fill()
        })
        ctx.strokeStyle = accent
        ctx.lineWidth = 2 / view.k
        ctx.beginPath()
        ctx.arc(hover.x, hover.y, hover.r + 2 / view.k, 0, 2 * Math.PI)
        ctx.stroke()
      }
      ctx.restore()

      // Labels in screen space: the best-linked notes first, more as one zooms in, never
      // overlapping, at most 150 (the hovered note and its neighbours always).
      ctx.font = "12px " + font
      ctx.textBaseline = "top"
      ctx.lineWidth = 3
      ctx.strokeStyle = bg
      ctx.fillStyle = fg
      var placed = [], budget = Math.min(150, Math.round(12 * view.k * view.k) + 8)
      function label(d, force) {
        var p = toScreen(d)
        if (p[0] < -50 || p[0] > width + 50 || p[1] < -20 || p[1] > height + 20) return
        var text = d.n.title.length > 40 ? d.n.title.slice(0, 39) + "…" : d.n.title
        var w = ctx.measureText(text).width
        var box = [p[0] - w / 2, p[1] + d.r * view.k + 2, w, 14]
        if (!force) {
          for (var j = 0; j < placed.length; j++) {
            var b = placed[j]
            if (box[0] < b[0] + b[2] && b[0] < box[0] + box[2] &&
                box[1] < b[1] + b[3] && b[1] < box[1] + box[3]) return
          }
        }
        placed.push(box)
        ctx.strokeText(text, box[0], box[1])
        ctx.fillText(text, box[0], box[1])
      }
      if (hover) {
        label(hover, true)
        near.forEach(function (i) { label(nodes[i], false) })
      } else {
        for (var i = 0; i < ranked.length && placed.length < budget; i++) label(ranked[i], false)
      }
    }

    function find(clientX, clientY) {
      if (!tree) tree = d3.quadtree(nodes, function (d) { return d.x }, function (d) { return d.y })
      var box = canvas.getBoundingClientRect()
      var x = (clientX - box.left - view.x) / view.k, y = (clientY - box.top - view.y) / view.k
      var d = tree.find(x, y, 12 / view.k + 6)
      return d || null
    }

    // The layout runs in a worker (graph-worker.js) and streams positions; drawn once a frame.
    var pending = null, scheduled = false
    function update() {
      scheduled = false
      if (!canvas.isConnected) return  // the page was left (instant navigation)
      var xy = pending.xy
      nodes.forEach(function (d, i) { d.x = xy[2 * i]; d.y = xy[2 * i + 1] })
      tree = null
      if (fitted) fit()
      draw()
      if (pending.done) container.dataset.state = "done"
    }
    function layout() {
      var worker
      try { worker = new Worker(WORKER) } catch (e) { return fallback() }
      worker.onmessage = function (event) {
        pending = event.data
        if (!canvas.isConnected || pending.done) worker.terminate()
        if (!scheduled) { scheduled = true; requestAnimationFrame(update) }
      }
      worker.onerror = function (event) {
        event.preventDefault()
        worker.terminate()
        fallback()
      }
      worker.postMessage({
        n: nodes.length, links: g.links, radii: nodes.map(function (d) { return d.r }),
        ticks: SITE_TICKS
      })
    }
    // Without workers (e.g. a page opened from disk): ticks on this thread, a few per frame.
    function fallback() {
      var sim = d3.forceSimulation(nodes)
        .force("link", d3.forceLink(links.map(function (l) {
          return { source: l.source.n.i, target: l.target.n.i }
        })).distance(28))
        .force("charge", d3.forceManyBody().strength(-40).theta(0.9).distanceMax(600))
        .force("x", d3.forceX(0).strength(0.04))
        .force("y", d3.forceY(0).strength(0.04))
        .alphaDecay(1 - Math.pow(0.001, 1 / SITE_TICKS))
        .stop()
      var ticks = 0
      ;(function frame() {
        if (!canvas.isConnected) return
        var start = performance.now()
        do { sim.tick(); ticks++ } while (ticks < SITE_TICKS && performance.now() - start < 12)
        tree = null
        if (fitted) fit()
        draw()
        if (ticks < SITE_TICKS) requestAnimationFrame(frame)
        else container.dataset.state = "done"
      })()
    }

    // Pointer: drag to pan, wheel to zoom, hover to highlight, click to open.
    var drag = null
    canvas.addEventListener("pointerdown", function (e) {
      drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false }
      canvas.setPointerCapture(e.pointerId)
    })
    canvas.addEventListener("pointermove", function (e) {
      if (drag) {
        var dx = e.clientX - drag.x, dy = e.clientY - drag.y
        if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true
        if (drag.moved) {
          fitted = false
          view.x = drag.vx + dx
          view.y = drag.vy + dy
          draw()
        }
        return
      }
      var d = find(e.clientX, e.clientY)
      if (d !== hover) {
        hover = d
        canvas.style.cursor = d ? "pointer" : ""
        canvas.title = d ? d.n.title : ""
        draw()
      }
    })
    canvas.addEventListener("pointerup", function (e) {
      var wasDrag = drag && drag.moved
      drag = null
      if (wasDrag) return
      var d = find(e.clientX, e.clientY)
      if (d) follow(href(d.n), e)
    })
    canvas.addEventListener("pointerleave", function () {
      if (hover && !drag) { hover = null; draw() }
    })
    canvas.addEventListener("wheel", function (e) {
      e.preventDefault()
      var box = canvas.getBoundingClientRect()
      var px = e.clientX - box.left, py = e.clientY - box.top
      var k = Math.max(0.05, Math.min(12, view.k * Math.exp(-e.deltaY / 500)))
      view.x = px - (px - view.x) * k / view.k
      view.y = py - (py - view.y) * k / view.k
      view.k = k
      fitted = false
      draw()
    }, { passive: false })
    canvas.addEventListener("dblclick", function () { fitted = true; fit(); draw() })

    new ResizeObserver(resize).observe(canvas)
    new MutationObserver(draw).observe(document.body, {
      attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-primary"]
    })

    // For tests and scripts: where a note is drawn, in client coordinates.
    container.ofmGraph = {
      locate: function (url) {
        var n = g.byUrl.get(url)
        if (!n) return null
        var box = canvas.getBoundingClientRect(), p = toScreen(nodes[n.i])
        return { x: box.left + p[0], y: box.top + p[1] }
      }
    }
    resize()
    layout()
  }

  function legend(g) {
    var list = document.createElement("ul")
    list.className = "ofm-graph__legend"
    var shown = g.groups.filter(function (grp) { return g.colour.get(grp) !== OTHER })
    var rest = g.groups.length - shown.length
    shown.forEach(function (grp) { list.append(item(g.colour.get(grp), grp || T.root, g.sizes.get(grp))) })
    if (rest) {
      var count = 0
      g.groups.forEach(function (grp) { if (g.colour.get(grp) === OTHER) count += g.sizes.get(grp) })
      list.append(item(OTHER, T.other + " (" + rest + ")", count))
    }
    return list
    function item(colour, name, count) {
      var li = document.createElement("li")
      var dot = document.createElement("span")
      dot.className = "ofm-graph__swatch"
      dot.style.background = colour
      li.append(dot, document.createTextNode(name + " " + count))
      return li
    }
  }

  /* --- the local graph (SVG) ------------------------------------------------------------ */

  // The current note, its neighbours and (while there is room) theirs: [node, depth] pairs.
  function neighbourhood(g, centre) {
    var depth = new Map([[centre.i, 0]])
    var byDegree = function (a, b) { return g.nodes[b].degree - g.nodes[a].degree }
    var first = Array.from(g.adjacent[centre.i]).sort(byDegree).slice(0, LOCAL_MAX - 1)
    first.forEach(function (i) { depth.set(i, 1) })
    var second = new Set()
    first.forEach(function (i) {
      g.adjacent[i].forEach(function (j) { if (!depth.has(j)) second.add(j) })
    })
    Array.from(second).sort(byDegree).slice(0, Math.max(0, LOCAL_MAX - depth.size))
      .forEach(function (i) { depth.set(i, 2) })
    return depth
  }

  var SVG = "http://www.w3.org/2000/svg"
  function svg(name, attrs) {
    var el = document.createElementNS(SVG, name)
    for (var k in attrs) el.setAttribute(k, attrs[k])
    return el
  }

  var measure = null
  function textWidth(text, font) {
    if (!measure) measure = document.createElement("canvas").getContext("2d")
    measure.font = font
    return measure.measureText(text).width
  }

  // The section (title, link to the full graph, empty drawing), placed on the page first so
  // that the drawing can be laid out at its real size.
  function localSection(centre) {
    var section = document.createElement("div")
    section.className = "ofm-graph ofm-graph--local"
    section.dataset.graph = "local"
    var head = document.createElement("div")
    head.className = "ofm-graph__title"
    head.textContent = T.local
    var full = document.createElement("a")
    full.className = "ofm-graph__open"
    full.href = new URL(fullGraph || (/\.html$/.test(centre.url) ? "graph.html" : "graph/"), ROOT).href
    full.textContent = T.open
    head.append(" ", full)
    section.append(head)
    return section
  }

  function drawLocal(section, g, centre) {
    var old = section.querySelector("svg")
    if (old) old.remove()
    var W = Math.min(420, section.clientWidth || 230), H = Math.round(Math.min(260, W * 0.8))
    var depth = neighbourhood(g, centre)
    var nodes = Array.from(depth, function (e) {
      return { n: g.nodes[e[0]], depth: e[1], r: e[1] === 0 ? 7 : e[1] === 1 ? 5 : 3.5 }
    })
    var at = new Map(nodes.map(function (d, i) { return [d.n.i, i] }))
    var links = []
    g.links.forEach(function (l) {
      if (at.has(l[0]) && at.has(l[1])) links.push({ source: at.get(l[0]), target: at.get(l[1]) })
    })
    nodes[0].fx = 0
    nodes[0].fy = 0
    var sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).distance(function (l) {
        return l.source.depth + l.target.depth > 2 ? 25 : 40
      }).strength(0.5))
      .force("charge", d3.forceManyBody().strength(-120))
      .force("x", d3.forceX(0).strength(0.05))
      .force("y", d3.forceY(0).strength(0.05))
      .force("collide", d3.forceCollide(function (d) { return d.r + 8 }))
      .stop()
    for (var t = 0; t < 240; t++) sim.tick()
    // Scale the layout (not the circles and labels) into the box.
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity
    nodes.forEach(function (d) {
      x0 = Math.min(x0, d.x); x1 = Math.max(x1, d.x)
      y0 = Math.min(y0, d.y); y1 = Math.max(y1, d.y)
    })
    var m = 14, k = Math.min((W - 2 * m) / Math.max(1, x1 - x0),
                             (H - 2 * m - 12) / Math.max(1, y1 - y0), 1.6)
    nodes.forEach(function (d) {
      d.x = W / 2 + (d.x - (x0 + x1) / 2) * k
      d.y = (H - 12) / 2 + (d.y - (y0 + y1) / 2) * k
    })

    var box = svg("svg", {
      "class": "ofm-graph__svg", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "group",
      "aria-label": T.local + ": " + centre.title
    })
    var edges = svg("g", { "class": "ofm-graph__links" })
    links.forEach(function (l) {
      edges.append(svg("line", {
        x1: l.source.x.toFixed(1), y1: l.source.y.toFixed(1),
        x2: l.target.x.toFixed(1), y2: l.target.y.toFixed(1)
      }))
    })
    box.append(edges)

    // Labels where they fit: the current note first, then its neighbours by links; the others
    // show theirs on hover or focus.
    var font = "10px " + getComputedStyle(section).fontFamily, placed = []
    nodes.forEach(function (d) {
      d.text = d.n.title.length > 22 ? d.n.title.slice(0, 21) + "…" : d.n.title
      var w = textWidth(d.text, font)
      var b = [Math.max(0, Math.min(W - w, d.x - w / 2)), d.y + d.r + 1, w, 12]
      d.anchor = b[0] + w / 2
      d.labelled = d.depth === 0 || (d.depth === 1 && placed.every(function (o) {
        return b[0] >= o[0] + o[2] + 2 || o[0] >= b[0] + b[2] + 2 ||
          b[1] >= o[1] + o[3] || o[1] >= b[1] + b[3]
      }) && nodes.every(function (o) {  // nor over a circle
        return o === d || Math.abs(o.x - (b[0] + w / 2)) > w / 2 + o.r ||
          o.y + o.r < b[1] || o.y - o.r > b[1] + b[3]
      }))
      if (d.labelled) placed.push(b)
    })

    // The current note last, so it is drawn on top.
    nodes.slice(1).concat(nodes[0]).forEach(function (d) {
      var a = svg("a", {
        href: href(d.n),
        "class": "ofm-graph__node ofm-graph__node--d" + d.depth +
          (d.depth === 0 ? " ofm-graph__node--current" : "") + (d.labelled ? " is-labelled" : ""),
        "data-url": d.n.url,
        "aria-label": d.n.title
      })
      if (d.depth === 0) a.setAttribute("aria-current", "page")
      var title = svg("title", {})
      title.textContent = d.n.title
      var text = svg("text", { x: d.anchor.toFixed(1), y: (d.y + d.r + 10).toFixed(1) })
      text.textContent = d.text
      a.append(title, svg("circle", {
        cx: d.x.toFixed(1), cy: d.y.toFixed(1), r: d.r, fill: d.n.colour
      }), text)
      box.append(a)
    })
    section.dataset.nodes = nodes.length
    section.append(box)
  }

  // Below the table of contents on wide screens, at the end of the article otherwise.
  function place(section) {
    var sidebar = document.querySelector(".md-sidebar--secondary:not([hidden]) .md-sidebar__inner")
    var article = document.querySelector("article.md-content__inner")
    var wide = window.matchMedia(WIDE).matches && !!sidebar
    if (wide) sidebar.append(section)
    else if (article) article.append(section)
    else return false
    section.classList.toggle("ofm-graph--sidebar", wide)
    return true
  }

  /* --- per page ------------------------------------------------------------------------- */

  var generation = 0
  var local = null  // this page's local graph: [section, graph, node]

  function render() {
    var page = ++generation
    local = null
    var site = document.querySelectorAll(".ofm-graph--site")
    var url = currentUrl()
    load().then(function (g) {
      if (page !== generation) return  // another page has been opened meanwhile
      site.forEach(function (el) { drawSite(el, g) })
      var node = url === null ? null : g.byUrl.get(url)
      if (node && !site.length && !document.querySelector(".ofm-graph--local")) {
        var section = localSection(node)
        if (!place(section)) return
        drawLocal(section, g, node)
        local = [section, g, node]
      }
    }).catch(function (error) {
      console.warn("obsidian-to-mkdocs graph:", error)
    })
  }

  window.matchMedia(WIDE).addEventListener("change", function () {
    if (local && local[0].isConnected && place(local[0])) drawLocal(local[0], local[1], local[2])
  })

  if (typeof document$ !== "undefined") document$.subscribe(render)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", render)
  else render()
})()
