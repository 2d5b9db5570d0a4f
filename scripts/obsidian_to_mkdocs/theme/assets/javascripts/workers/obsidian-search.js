/*
 * obsidian-to-mkdocs: Material's own search worker, with the typed query cut into the words of
 * the index before Lunr sees it.
 *
 * The build cuts every page's Chinese with jieba (plus the vault's note names as a user
 * dictionary), so the index holds jieba's words. A reader types "长上下文" or "GPT-4 定价" with
 * no spaces between the words; Material's stock query segmenter never matches a whole run and
 * often leaves one-character prefixes ("价*" finds every 价值, 价钱 ...). Here the query is cut
 * with the index's own vocabulary: the fewest pieces, each an index term or the start of one
 * (Material adds a trailing wildcard, so "非营利" still finds "非营利组织").
 *
 * Material's worker (whose URL is this script's #hash, see theme/main.html) is loaded as is
 * and one expression in it is replaced: its own Chinese query segmentation. Should a future
 * Material change that expression, the stock worker runs unchanged and a warning is logged.
 */
(function () {
  "use strict"

  var HAN = /\p{sc=Han}+/gu
  var MAX_WORD = 16
  var cache = { index: null, keys: [] }

  /* Sorted index terms, computed once per index. */
  function vocabulary(index) {
    if (cache.index !== index) {
      cache.index = index
      cache.keys = Object.keys(index).sort()
    }
    return cache.keys
  }

  /* Whether some index term starts with `prefix` (binary search in the sorted terms). */
  function startsAnyTerm(keys, prefix) {
    var lo = 0
    var hi = keys.length
    while (lo < hi) {
      var mid = (lo + hi) >>> 1
      if (keys[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    return lo < keys.length && keys[lo].lastIndexOf(prefix, 0) === 0
  }

  /*
   * Cut one run of Chinese characters into the fewest pieces that the index can match: an index
   * term costs 1, the start of a longer term a little more (it matches through the wildcard), a
   * character the index never saw is kept on its own at a high cost.
   */
  function cut(run, index) {
    var keys = vocabulary(index)
    var n = run.length
    var cost = [0]
    var from = [0]
    for (var i = 1; i <= n; i++) {
      cost[i] = Infinity
      for (var j = Math.max(0, i - MAX_WORD); j < i; j++) {
        if (cost[j] === Infinity) continue
        var word = run.slice(j, i)
        var c = word in index ? 1 : startsAnyTerm(keys, word) ? 1.25 : word.length === 1 ? 3 : 0
        if (c && cost[j] + c < cost[i]) {
          cost[i] = cost[j] + c
          from[i] = j
        }
      }
    }
    var words = []
    for (var k = n; k > 0; k = from[k]) words.unshift(run.slice(from[k], k))
    return words
  }

  /*
   * The query as Lunr should see it: each Chinese run cut into words separated by spaces. A lone
   * character among other words must match exactly ("^1" stops Material's trailing wildcard), or
   * "长" in "长上下文" would pull in every page with 长期, 长度 ...
   */
  function segmentQuery(query, index) {
    return query.replace(HAN, function (run) {
      var words = cut(run, index)
        .map(function (word) {
          return word.length === 1 && run.length > 1 ? word + "^1" : word
        })
        .join(" ")
      return " " + words + " " // "IDN欺骗" was indexed as idn + 欺骗
    })
  }
  self.obsidianSegmentQuery = segmentQuery

  /*
   * Ranking and snippets of Material's results (a list of pages, each a list of its matching
   * sections, best first), before the search box shows them.
   *
   * Lunr's scores (title boost, term counts) let a long page that mentions "STM32" ten times
   * outrank the page named "STM32", and one that has "学习" often outrank the page with all of
   * "人类反馈增强学习". Pages are put in tiers, Lunr's order kept within a tier:
   *  - how well one of the page's names (title, aliases, file name: `names`, added at build
   *    time) or a heading names the query: the whole name, whole words of it, part of it;
   *  - whether the page matches every word of the query.
   * Each section's text is cut to start at the sentence of its first match: the box shows a few
   * lines of it, and the match may sit after 25 list items.
   */
  var NOT_WORD = /[\s\u200b\p{P}\p{S}]+/u
  var NOT_WORDS = /[\s\u200b\p{P}\p{S}]+/gu
  var TAG = /<[^>]*>/g
  var SENTENCE_END = /(?:<\/?(?:p|li|ul|ol|pre)>|[。！？；!?;]|\. )\s*/g
  var LEAD = 80 // characters of text before a match that need no cut

  function plain(html) {
    return html.replace(TAG, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
  }

  function words(text) {
    return plain(text).toLowerCase().split(NOT_WORD).filter(Boolean)
  }

  /* 3: `name` is the query; 2: whole words of it are; 1: part of it is; 0: none. */
  function naming(name, query) {
    var whole = words(name)
    var joined = whole.join("")
    if (!query || !joined) return 0
    if (joined === query) return 3
    for (var i = 0; i < whole.length; i++) {
      var run = ""
      for (var j = i; j < whole.length && run.length < query.length; j++) run += whole[j]
      if (run === query) return 2
    }
    return query.length > 1 && joined.indexOf(query) >= 0 ? 1 : 0
  }

  /* A tag page (boost below 1) stays in Lunr's order, below the notes it lists. */
  function tierOf(group, query) {
    var best = 0
    var tagPage = false
    group.forEach(function (item) {
      var page = item.location.indexOf("#") < 0
      tagPage = tagPage || item.boost < 1
      var names = page ? [item.title].concat(item.names || []) : [item.title]
      names.forEach(function (name) {
        var tier = naming(String(name), query)
        best = Math.max(best, page ? tier : tier - 1) // a heading names less than a title
      })
    })
    return tagPage ? 0 : best
  }

  function matchesAll(group) {
    var seen = {}
    group.forEach(function (item) {
      Object.keys(item.terms || {}).forEach(function (term) {
        seen[term] = seen[term] || !!item.terms[term]
      })
    })
    var terms = Object.keys(seen)
    return terms.length > 0 && terms.every(function (term) { return seen[term] })
  }

  /* The text from the sentence (or list item, paragraph) of its first match on. */
  function fromFirstMatch(text) {
    var mark = text.indexOf("<mark")
    if (mark < LEAD) return text
    var start = 0
    var end
    SENTENCE_END.lastIndex = 0
    while ((end = SENTENCE_END.exec(text)) && end.index < mark) start = SENTENCE_END.lastIndex
    return start > 0 ? "… " + text.slice(start) : text
  }

  function rank(query, groups) {
    var normal = query.toLowerCase().replace(NOT_WORDS, "")
    return groups
      .map(function (group, order) {
        group.forEach(function (item) {
          if (typeof item.text === "string") item.text = fromFirstMatch(item.text)
        })
        return { group: group, tier: tierOf(group, normal), all: matchesAll(group), order: order }
      })
      .sort(function (a, b) {
        return b.tier - a.tier || b.all - a.all || a.order - b.order
      })
      .map(function (ranked) {
        return ranked.group
      })
  }

  /*
   * Material's worker answers each query (message type 2) with its results (type 3): they are
   * ranked on their way out. Only for Material's worker: another (Zensical's) has other
   * messages, and is left as it is.
   */
  function rankResults() {
    var QUERY = 2
    var RESULT = 3
    var lastQuery = ""
    var post = self.postMessage.bind(self)
    self.addEventListener("message", function (ev) {
      if (ev.data && ev.data.type === QUERY) lastQuery = String(ev.data.data)
    })
    self.postMessage = function (message) {
      if (message && message.type === RESULT && message.data && message.data.items)
        message.data.items = rank(lastQuery, message.data.items)
      post(message)
    }
  }

  /* Load Material's worker, replacing its Chinese query segmentation with the one above. */
  var material = decodeURIComponent(self.location.hash.slice(1))
  // Material's worker of this site only: the address comes from the URL, and is run as code.
  if (new URL(material, self.location.href).origin !== self.location.origin)
    throw new Error("obsidian-search: Material's worker must come from this site")
  var STOCK =
    /(\w+)=\1\.replace\(new RegExp\("\\\\p\{sc=Han\}\+","gu"\),(\w+)=>\[\.\.\.(\w+)\(\2,this\.index\.invertedIndex\)\]\.join\("\* "\)\)/
  var source = null
  try {
    var request = new XMLHttpRequest()
    request.open("GET", material, false)
    request.send()
    if (request.status === 200) source = request.responseText
  } catch (err) {
    source = null
  }
  if (source !== null && STOCK.test(source)) {
    source = source.replace(STOCK, "$1=self.obsidianSegmentQuery($1,this.index.invertedIndex)")
    rankResults()
    ;(0, eval)(source + "\n//# sourceURL=" + material)
  } else {
    console.warn("obsidian-search: Material's worker not patched; stock Chinese search")
    importScripts(material)
  }
})()
