/*
 * Search in the reader's browser, against the site's own index: no service is asked.
 *
 * Results are built as elements and text, never as HTML from the index: an excerpt is
 * pieces of text, and the matched ones become <mark> elements. The status
 * line (role="status") tells screen readers how many articles match once results
 * are drawn, so they are not read out letter by letter. Its words are the page's
 * language's, given by the form's data-say-* attributes.
 */
(function () {
  "use strict";
  var form = document.querySelector('[data-psychoed="search"]');
  if (!form) return;
  var input = form.querySelector("input");
  var status = document.querySelector('[data-psychoed="search-status"]');
  var list = document.querySelector('[data-psychoed="search-results"]');
  var shown = 20;
  var engine = null;
  var latest = 0;
  var timer = null;

  // The site's own index (src/psychoed/search/index.py says what each file holds), read in parts: a
  // query fetches meta.json, the parts holding its words and their stems, and the texts of the results it
  // shows. Words are cut and folded as src/psychoed/search/words.py cuts and folds them.
  var WORD = /[\p{L}\p{N}]+/gu;
  var PREFIX_MIN = 3; // a word this long also finds the words it starts ("anx": "anxiety", "anxious")
  var PREFIX_MOST = 40;
  var EXCERPT_WORDS = 30;

  function fold(word) {
    return word.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function wordsOf(text) {
    return text.toLowerCase().match(WORD) || [];
  }

  function Index(meta) {
    this.meta = meta;
    this.base = new URL(".", meta);
    this.root = new URL("../../", meta);
    this.fetched = {};
  }

  Index.prototype.get = function (path) {
    var found = this.fetched[path];
    if (!found) {
      found = this.fetched[path] = fetch(new URL(path, this.base)).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + path);
        return response.json();
      });
      var fetched = this.fetched;
      found.catch(function () { delete fetched[path]; }); // a failed part is asked for again next time
    }
    return found;
  };

  function partOf(firsts, key) {
    var low = 0;
    var high = firsts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (firsts[middle] <= key) low = middle; else high = middle - 1;
    }
    return low;
  }

  function partsFor(firsts, from, to) {
    var parts = [];
    for (var part = partOf(firsts, from), last = partOf(firsts, to); part <= last; part++) parts.push(part);
    return parts;
  }

  function loadParts(index, folder, parts) {
    return Promise.all(parts.map(function (part) { return index.get(folder + "/" + part + ".json"); }));
  }

  // Each query word's stems, weighted: 1 for the word itself, less for a longer word it starts. A word no
  // page has ("sleeping", where pages say "sleeps") is cut back a letter at a time, to no less than 60% of it,
  // until it starts words that pages have: the index knows the stems of its own words only.
  function stemsOf(index, meta, word, shortest) {
    var prefix = word.length >= PREFIX_MIN;
    var parts = partsFor(meta.words, word, prefix ? word + "\uffff" : word);
    if (shortest === undefined) shortest = Math.max(PREFIX_MIN + 1, Math.ceil(word.length * 0.6));
    return loadParts(index, "w", parts).then(function (loaded) {
      var stems = {};
      var longer = [];
      loaded.forEach(function (part) {
        Object.keys(part).forEach(function (key) {
          var stem = part[key] || key;
          if (key === word) stems[stem] = 1;
          else if (prefix && key.lastIndexOf(word, 0) === 0) longer.push([key, stem]);
        });
      });
      longer.sort(function (a, b) { return a[0].length - b[0].length; });
      longer.slice(0, PREFIX_MOST).forEach(function (found) {
        if (!(found[1] in stems)) stems[found[1]] = 0.5;
      });
      if (Object.keys(stems).length || word.length <= shortest) return stems;
      return stemsOf(index, meta, word.slice(0, -1), shortest);
    });
  }

  // Pages holding one of `stems`, each with its best BM25 score over them.
  function pagesOf(index, meta, stems) {
    var names = Object.keys(stems);
    var parts = {};
    names.forEach(function (stem) { parts[partOf(meta.stems, stem)] = true; });
    return loadParts(index, "s", Object.keys(parts)).then(function (loaded) {
      var scores = new Map();
      names.forEach(function (stem) {
        var postings = null;
        loaded.forEach(function (part) { if (part[stem]) postings = part[stem]; });
        if (!postings) return;
        var share = postings.length / 2;
        var rarity = Math.log(1 + (meta.pages - share + 0.5) / (share + 0.5));
        for (var at = 0, page = 0; at < postings.length; at += 2) {
          page += postings[at];
          var score = (rarity * postings[at + 1] * stems[stem]) / 100;
          if (!(scores.get(page) >= score)) scores.set(page, score);
        }
      });
      return scores;
    });
  }

  function excerpt(text, words, stems) {
    var found = [];
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var folded = fold(match[0]);
      var marked = words.some(function (word) {
        return folded === word || (word.length >= PREFIX_MIN && folded.lastIndexOf(word, 0) === 0);
      }) ||
        stems.some(function (stem) { return stem.length >= PREFIX_MIN && folded.lastIndexOf(stem, 0) === 0; });
      found.push({ start: match.index, end: match.index + match[0].length, marked: marked });
    }
    if (!found.length) return [];
    // The run of EXCERPT_WORDS words with the most matches, the first of them if several tie.
    var best = 0;
    var most = -1;
    var count = 0;
    for (var at = 0; at < found.length; at++) {
      if (found[at].marked) count++;
      if (at >= EXCERPT_WORDS && found[at - EXCERPT_WORDS].marked) count--;
      if (count > most) { most = count; best = Math.max(0, at - EXCERPT_WORDS + 1); }
    }
    var start = Math.max(0, best - 3);
    var shown = found.slice(start, best + EXCERPT_WORDS);
    var parts = [];
    var from = shown[0].start;
    if (start > 0) parts.push(["\u2026 ", false]);
    shown.forEach(function (word) {
      if (!word.marked) return;
      if (word.start > from) parts.push([text.slice(from, word.start), false]);
      parts.push([text.slice(word.start, word.end), true]);
      from = word.end;
    });
    var end = shown[shown.length - 1].end;
    if (end > from) parts.push([text.slice(from, end), false]);
    if (end < text.length) parts.push([" \u2026", false]);
    return parts;
  }

  Index.prototype.search = function (query) {
    var index = this;
    var words = [];
    wordsOf(query.normalize("NFC")).map(fold).forEach(function (word) {
      if (words.indexOf(word) < 0 && words.length < 10) words.push(word);
    });
    return index.get("meta.json").then(function (meta) {
      if (!words.length || !meta.pages) return { results: [] };
      return Promise.all(words.map(function (word) { return stemsOf(index, meta, word); }))
        .then(function (stemSets) {
          return Promise.all(stemSets.map(function (stems) { return pagesOf(index, meta, stems); }))
            .then(function (perWord) {
              var total = perWord[0];
              perWord.slice(1).forEach(function (scores) {
                var both = new Map();
                total.forEach(function (score, page) {
                  if (scores.has(page)) both.set(page, score + scores.get(page));
                });
                total = both;
              });
              var ranked = Array.from(total.keys()).sort(function (a, b) {
                return total.get(b) - total.get(a) || a - b;
              });
              var stems = [];
              stemSets.forEach(function (set) { stems = stems.concat(Object.keys(set)); });
              return {
                results: ranked.map(function (page) {
                  return {
                    data: function () {
                      return index.get("d/" + page + ".json").then(function (found) {
                        return {
                          url: new URL(found.url, index.root).href,
                          meta: { title: found.title },
                          excerpt: excerpt(found.text, words, stems),
                        };
                      });
                    },
                  };
                }),
              };
            });
        });
    });
  };

  function load() {
    if (!engine) engine = new Index(new URL(form.getAttribute("data-index"), document.baseURI).href);
    return Promise.resolve(engine);
  }

  function excerptOf(parts) {
    var paragraph = document.createElement("p");
    parts.forEach(function (part) {
      if (part[1]) {
        var mark = document.createElement("mark");
        mark.textContent = part[0];
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(part[0]));
      }
    });
    return paragraph;
  }

  function item(data) {
    var entry = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    var heading = document.createElement("h2");
    heading.appendChild(link);
    entry.appendChild(heading);
    if (data.excerpt.length) entry.appendChild(excerptOf(data.excerpt));
    return entry;
  }

  function words(key, values) {
    var text = form.getAttribute("data-say-" + key) || "";
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function say(total, listed, query) {
    var values = { query: "\u201c" + query + "\u201d", count: String(total), shown: String(listed) };
    if (total === 0) return words("none", values);
    if (total === 1) return words("one", values);
    return words(total > listed ? "first" : "many", values);
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    load()
      .then(function (index) { return index.search(query); })
      .then(function (search) {
        var first = search.results.slice(0, shown);
        return Promise.all(first.map(function (result) { return result.data(); })).then(function (pages) {
          return { total: search.results.length, pages: pages };
        });
      })
      .then(function (found) {
        if (ticket !== latest) return; // a newer query is on its way
        list.replaceChildren.apply(list, found.pages.map(item));
        status.textContent = say(found.total, found.pages.length, query);
      })
      .catch(function () {
        if (ticket === latest) status.textContent = words("failed", {});
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value); }, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) {
    input.value = asked;
    run(asked);
  }
})();
