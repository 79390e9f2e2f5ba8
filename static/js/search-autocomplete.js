/*
 * Site search autocomplete: progressive enhancement only. Without this file every search
 * box is a plain GET form. With it, an input marked `data-search-autocomplete` becomes an
 * ARIA 1.2 combobox (role="combobox" on the input, a listbox popup of title suggestions):
 * - typing (2 characters or more) fetches GET <data-suggest-url>?q=… -> [{title, url, type_label}]
 * - ArrowDown / ArrowUp move through the options (aria-activedescendant; focus stays in
 *   the input), Enter opens the active option, Escape closes the list (a second Escape
 *   clears the input), Tab and clicking elsewhere close it.
 * - the number of suggestions is announced in a polite live region.
 * Loaded with `defer` from the site's own origin (CSP script-src 'self'); safe to load twice.
 */
(function () {
  "use strict";

  if (window.portalSearchAutocomplete) {
    return;
  }
  window.portalSearchAutocomplete = true;

  var MIN_CHARS = 2;
  var DELAY_MS = 200;
  var counter = 0;

  function announceText(count) {
    if (count === 0) {
      return "Geen suggesties.";
    }
    if (count === 1) {
      return "1 suggestie. Gebruik pijltje omlaag om te kiezen.";
    }
    return count + " suggesties. Gebruik pijltje omlaag om te kiezen.";
  }

  function enhance(input) {
    if (input.hasAttribute("data-search-autocomplete-ready")) {
      return;
    }
    var suggestUrl = input.getAttribute("data-suggest-url");
    if (!suggestUrl || !window.fetch) {
      return;
    }
    input.setAttribute("data-search-autocomplete-ready", "");
    counter += 1;
    var listId = "search-suggestions-" + counter;
    var wrapper = input.parentNode;

    var listbox = document.createElement("ul");
    listbox.id = listId;
    listbox.className = "site-search__listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Suggesties");
    listbox.hidden = true;

    var status = document.createElement("div");
    status.className = "portal-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    wrapper.appendChild(listbox);
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var options = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function setActive(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function open() {
      if (options.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function go(index) {
      var option = options[index];
      if (option) {
        window.location.assign(option.getAttribute("data-url"));
      }
    }

    function render(items) {
      listbox.textContent = "";
      options = items.map(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-option-" + i;
        option.className = "site-search__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-url", item.url);
        var title = document.createElement("span");
        title.className = "site-search__option-title";
        title.textContent = item.title;
        var kind = document.createElement("span");
        kind.className = "site-search__option-type";
        kind.textContent = item.type_label || "";
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
        // mousedown, not click: the input keeps focus and the list does not close first.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          go(i);
        });
        listbox.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      status.textContent = announceText(options.length);
      if (options.length) {
        open();
      } else {
        close();
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_CHARS) {
        lastQuery = query;
        render([]);
        status.textContent = "";
        return;
      }
      if (query === lastQuery) {
        open();
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var url = suggestUrl + (suggestUrl.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      window
        .fetch(url, { headers: { Accept: "application/json" }, signal: controller ? controller.signal : undefined })
        .then(function (response) {
          return response.ok ? response.json() : [];
        })
        .then(function (items) {
          if (input.value.trim() === query) {
            render(Array.isArray(items) ? items : []);
          }
        })
        .catch(function () {
          /* network trouble or aborted: the form still works without suggestions */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) {
            open();
            if (options.length) {
              setActive(0);
            }
          } else if (options.length) {
            setActive((active + 1) % options.length);
          }
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!expanded) {
            open();
            if (options.length) {
              setActive(options.length - 1);
            }
          } else if (options.length) {
            setActive(active <= 0 ? options.length - 1 : active - 1);
          }
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault();
            go(active);
          }
          break;
        case "Escape":
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            lastQuery = "";
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      close();
    });
  }

  function init() {
    document.querySelectorAll("input[data-search-autocomplete]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
