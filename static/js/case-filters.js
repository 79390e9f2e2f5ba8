/*
 * Casebook listing (casebook/templates/casebook/case_index_page.html): filters apply on
 * change. Progressive enhancement only: without this file the "Filters toepassen" and
 * "Sorteren" buttons submit the form (GET) as before.
 *
 * With it, ticking a filter or choosing a sort fetches the same page with the new
 * address, swaps the parts marked [data-case-swap] (filters, chips, results, the number
 * on the "Filters" button, the save-search form), updates the live count (role=status,
 * which is kept, so screen readers announce it) and the address bar (a history entry per
 * change, so Back returns to the previous filters). Focus stays on the
 * control that was used (found again by its name and value). If anything fails, the
 * form is simply submitted.
 */
(function () {
  "use strict";

  function addressOf(form) {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (name === "q" && !String(value).trim()) {
        return;
      }
      params.append(name, value);
    });
    var query = params.toString();
    return form.getAttribute("action").split("?")[0] + (query ? "?" + query : "");
  }

  function swap(doc, address, focused) {
    document.querySelectorAll("[data-case-swap][id]").forEach(function (part) {
      var fresh = doc.getElementById(part.id);
      if (fresh) {
        part.innerHTML = fresh.innerHTML;
      }
    });
    var status = document.getElementById("case-results-count");
    var freshStatus = doc.getElementById("case-results-count");
    if (status && freshStatus) {
      status.textContent = freshStatus.textContent;
    }
    if (doc.title) {
      document.title = doc.title;
    }
    if (focused && !document.body.contains(focused.element)) {
      var selector = "[name='" + CSS.escape(focused.name) + "'][value='" + CSS.escape(focused.value) + "']";
      var again = document.querySelector("[data-case-filters] " + selector);
      if (again) {
        again.focus();
      }
    }
  }

  function enhance(form) {
    var busy = null;
    form.classList.add("case-search--live");
    // The first entry too, so that Back to it loads it again (see popstate below).
    window.history.replaceState({ caseFilters: true }, "", window.location.href);

    function apply(control) {
      var address = addressOf(form);
      var focused = control
        ? { element: control, name: control.name, value: control.value }
        : null;
      if (busy) {
        busy.abort();
      }
      busy = new AbortController();
      form.setAttribute("aria-busy", "true");
      fetch(address, {
        headers: { Accept: "text/html" },
        credentials: "same-origin",
        signal: busy.signal,
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          swap(doc, address, focused);
          window.history.pushState({ caseFilters: true }, "", address);
          form.removeAttribute("aria-busy");
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") {
            return;
          }
          form.removeAttribute("aria-busy");
          form.submit();
        });
    }

    form.addEventListener("change", function (event) {
      var target = event.target;
      if (!target || !target.name) {
        return;
      }
      var isFilter = target.type === "checkbox" || target.tagName === "SELECT";
      if (isFilter) {
        apply(target);
      }
    });

    // A chip, "Alles wissen" or "Bedoelde je" inside the form: swap instead of reloading.
    form.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a.case-chip, a.case-chips__clear") : null;
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
        return;
      }
      event.preventDefault();
      var url = new URL(link.href, window.location.href);
      var address = form.getAttribute("action").split("?")[0] + url.search;
      fetch(address, { headers: { Accept: "text/html" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          swap(doc, address, null);
          var sort = doc.getElementById("case-search-sort");
          var ownSort = document.getElementById("case-search-sort");
          if (sort && ownSort) {
            ownSort.value = sort.value;
          }
          window.history.pushState({ caseFilters: true }, "", address);
          // The chip is gone: put focus on the result count's heading area.
          var heading = document.getElementById("case-results-heading");
          if (heading) {
            heading.setAttribute("tabindex", "-1");
            heading.focus();
          }
        })
        .catch(function () {
          window.location.href = address;
        });
    });
  }

  // Back and forward go through the filter states: the page is loaded again for them.
  window.addEventListener("popstate", function (event) {
    if (event.state && event.state.caseFilters) {
      window.location.reload();
    }
  });

  function init() {
    if (!window.fetch || !window.DOMParser || !window.URLSearchParams || !window.CSS || !CSS.escape) {
      return;
    }
    document.querySelectorAll("form[data-case-filters]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
