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

  /* Load Material's worker, replacing its Chinese query segmentation with the one above. */
  var material = decodeURIComponent(self.location.hash.slice(1))
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
    ;(0, eval)(source + "\n//# sourceURL=" + material)
  } else {
    console.warn("obsidian-search: Material's worker not patched; stock Chinese search")
    importScripts(material)
  }
})()
