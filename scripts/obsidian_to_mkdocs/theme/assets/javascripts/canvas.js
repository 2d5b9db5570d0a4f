/* obsidian-to-mkdocs (#22): pan and zoom on a canvas page, and embedded canvases fitted to
   their column. The board is drawn at build time and shows without this script (it then
   scrolls at full size); this adds mouse (drag, wheel), touch (drag, pinch) and keyboard
   (+ and -, arrow keys, 0 to fit) moves, fits the board to the screen when the page opens, and
   runs again on each page Material's instant navigation brings. Nothing is fetched. */
(function () {
  var MIN_SCALE = 0.05
  var MAX_SCALE = 4
  var STEP = 1.25
  var PAN_STEP = 60
  var EMBED_HEIGHT = 420 // as render/canvas.py EMBED_HEIGHT
  var live = []

  function size(board) {
    return { width: Number(board.dataset.width), height: Number(board.dataset.height) }
  }

  function Viewer(root) {
    var viewport = root.querySelector(".ofm-canvas__viewport")
    var board = viewport.querySelector(".ofm-canvas__board")
    var tools = root.querySelector(".ofm-canvas__tools")
    var extent = size(board)
    var view = { x: 0, y: 0, k: 1 }
    var touched = false // the reader moved the board: a window resize does not refit it
    var pointers = {}
    var drag = null
    var pinch = null
    var swallowClick = false

    function apply() {
      board.style.transform =
        "translate(" + view.x + "px," + view.y + "px) scale(" + view.k + ")"
      root.dataset.scale = view.k.toFixed(4)
    }

    function fit() {
      var w = viewport.clientWidth
      var h = viewport.clientHeight
      var k = Math.min(w / extent.width, h / extent.height, 1)
      view = { k: k, x: (w - extent.width * k) / 2, y: (h - extent.height * k) / 2 }
      touched = false
      apply()
    }

    function zoomAt(factor, cx, cy) {
      var k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, view.k * factor))
      view.x = cx - ((cx - view.x) * k) / view.k
      view.y = cy - ((cy - view.y) * k) / view.k
      view.k = k
      touched = true
      apply()
    }

    function zoomCentre(factor) {
      zoomAt(factor, viewport.clientWidth / 2, viewport.clientHeight / 2)
    }

    function panBy(dx, dy) {
      view.x += dx
      view.y += dy
      touched = true
      apply()
    }

    function local(event) {
      var box = viewport.getBoundingClientRect()
      return { x: event.clientX - box.left, y: event.clientY - box.top }
    }

    function pinchState() {
      var ids = Object.keys(pointers)
      var a = pointers[ids[0]]
      var b = pointers[ids[1]]
      return {
        distance: Math.hypot(a.x - b.x, a.y - b.y) || 1,
        x: (a.x + b.x) / 2,
        y: (a.y + b.y) / 2
      }
    }

    viewport.addEventListener("wheel", function (event) {
      event.preventDefault()
      var lines = event.deltaMode === 1 ? 20 : event.deltaMode === 2 ? 400 : 1
      var at = local(event)
      zoomAt(Math.pow(2, (-event.deltaY * lines) / 500), at.x, at.y)
    }, { passive: false })

    viewport.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse" && event.button !== 0) return
      swallowClick = false // a new gesture: only its own end may swallow a click
      pointers[event.pointerId] = local(event)
      var count = Object.keys(pointers).length
      if (count === 1) {
        drag = { start: local(event), x: view.x, y: view.y, moved: false, id: event.pointerId }
      } else if (count === 2) {
        pinch = pinchState()
        drag = null
      }
    })

    viewport.addEventListener("pointermove", function (event) {
      if (!(event.pointerId in pointers)) return
      pointers[event.pointerId] = local(event)
      if (pinch && Object.keys(pointers).length === 2) {
        var now = pinchState()
        view.x += now.x - pinch.x
        view.y += now.y - pinch.y
        zoomAt(now.distance / pinch.distance, now.x, now.y)
        pinch = now
        swallowClick = true
        return
      }
      if (!drag) return
      var at = pointers[event.pointerId]
      var dx = at.x - drag.start.x
      var dy = at.y - drag.start.y
      if (!drag.moved && Math.hypot(dx, dy) < 4) return // a click, not a drag
      if (!drag.moved) {
        drag.moved = true
        viewport.setPointerCapture(event.pointerId)
        viewport.classList.add("is-dragging")
      }
      view.x = drag.x + dx
      view.y = drag.y + dy
      touched = true
      apply()
    })

    function release(event) {
      if (!(event.pointerId in pointers)) return
      delete pointers[event.pointerId]
      if (drag && drag.moved) swallowClick = true
      if (Object.keys(pointers).length < 2) pinch = null
      drag = null
      viewport.classList.remove("is-dragging")
    }
    viewport.addEventListener("pointerup", release)
    viewport.addEventListener("pointercancel", release)

    // The click that ends a drag must not follow the link under the pointer.
    viewport.addEventListener("click", function (event) {
      if (!swallowClick) return
      swallowClick = false
      event.preventDefault()
      event.stopPropagation()
    }, true)

    viewport.addEventListener("keydown", function (event) {
      if (event.target !== viewport || event.altKey || event.ctrlKey || event.metaKey) return
      var moves = {
        ArrowLeft: [PAN_STEP, 0],
        ArrowRight: [-PAN_STEP, 0],
        ArrowUp: [0, PAN_STEP],
        ArrowDown: [0, -PAN_STEP]
      }
      if (event.key === "+" || event.key === "=") zoomCentre(STEP)
      else if (event.key === "-" || event.key === "_") zoomCentre(1 / STEP)
      else if (event.key === "0") fit()
      else if (moves[event.key]) panBy(moves[event.key][0], moves[event.key][1])
      else return
      event.preventDefault()
    })

    var help = root.querySelector(".ofm-canvas__help")
    if (help) help.hidden = false
    if (tools) {
      tools.hidden = false
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-zoom]")
        if (!button) return
        var action = button.dataset.zoom
        if (action === "in") zoomCentre(STEP)
        else if (action === "out") zoomCentre(1 / STEP)
        else fit()
      })
    }

    root.classList.add("ofm-canvas--live")
    fit()
    return {
      root: root,
      refit: function () {
        if (!touched) fit()
      }
    }
  }

  // A note's embedded canvas: scaled to the column's width (the build assumed one).
  function Still(root) {
    var frame = root.querySelector(".ofm-canvas__frame")
    var board = frame.querySelector(".ofm-canvas__board")
    var extent = size(board)
    function refit() {
      var k = Math.min(root.clientWidth / extent.width, EMBED_HEIGHT / extent.height, 1)
      frame.style.width = Math.round(extent.width * k) + "px"
      frame.style.height = Math.round(extent.height * k) + "px"
      board.style.transform = "scale(" + k + ")"
    }
    refit()
    return { root: root, refit: refit }
  }

  function attach() {
    live = live.filter(function (item) {
      return document.contains(item.root)
    })
    document.querySelectorAll("[data-ofm-canvas]").forEach(function (root) {
      if (root.ofmCanvas || root.closest(".ofm-canvas__board")) return // nested: still
      root.ofmCanvas = true
      live.push(root.dataset.ofmCanvas === "page" ? Viewer(root) : Still(root))
    })
  }

  window.addEventListener("resize", function () {
    live.forEach(function (item) {
      item.refit()
    })
  })

  if (typeof document$ !== "undefined" && document$.subscribe) document$.subscribe(attach)
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", attach)
  else attach()
})()
