/*
 * Search with Pagefind, in the reader's browser, against the site's own index.
 *
 * Results are built as elements and text, never as HTML from the index: an excerpt's
 * matches come marked with <mark>, and only those marks become elements. The status
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

  function load() {
    if (!engine) {
      var address = new URL(form.getAttribute("data-pagefind"), document.baseURI).href;
      engine = import(address).then(function (pagefind) {
        return Promise.resolve(pagefind.init && pagefind.init()).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function text(html) {
    var decoder = document.createElement("textarea"); // decodes entities; never runs or parses markup
    decoder.innerHTML = html;
    return decoder.value;
  }

  function excerpt(html) {
    var paragraph = document.createElement("p");
    html.split(/(<mark>[\s\S]*?<\/mark>)/).forEach(function (part) {
      var marked = /^<mark>([\s\S]*)<\/mark>$/.exec(part);
      if (marked) {
        var mark = document.createElement("mark");
        mark.textContent = text(marked[1]);
        paragraph.appendChild(mark);
      } else if (part) {
        paragraph.appendChild(document.createTextNode(text(part.replace(/<[^>]*>/g, ""))));
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
    if (data.excerpt) entry.appendChild(excerpt(data.excerpt));
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
      .then(function (pagefind) { return pagefind.search(query); })
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
