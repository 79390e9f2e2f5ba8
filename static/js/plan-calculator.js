/*
 * Practice plan calculator (learning/templates/learning/plans/tool_cost_benefit.html):
 * progressive enhancement only. Without this file the "Berekenen en opslaan" button posts
 * the rows and the server shows the totals. With it:
 * - the totals per law domain, the return and the ratio follow the typing;
 * - a polite live region announces the new return when a field is left (not per key);
 * - "Regel toevoegen" clones the empty row and raises the formset's TOTAL_FORMS.
 * The arithmetic is the server's (learning/plans/calculator.py): amount = quantity x
 * unit price rounded half up to cents, in exact integer arithmetic (BigInt). The server's
 * figures stay authoritative: they are what is stored.
 */
(function () {
  "use strict";

  var HUNDRED = BigInt(100);
  var ZERO = BigInt(0);

  /* What people type -> hundredths as BigInt; null when empty or not an amount with at
     most two decimals. The same rules as the server (portal.core.money.parse_amount):
     "2.400,00", "2400,5", "€ 2.400", "1,918.50", "12.50"; a dot before exactly three
     digits groups thousands. */
  function parseHundredths(text) {
    var value = (text || "").replace(/[\s\u00a0\u20ac]/g, "");
    if (!value) {
      return null;
    }
    if (!/^[\d.,]*\d[\d.,]*$/.test(value)) {
      return null;
    }
    if (value.indexOf(",") !== -1) {
      if (value.indexOf(".") !== -1 && value.lastIndexOf(".") > value.lastIndexOf(",")) {
        value = value.replace(/,/g, ""); /* 1,918.50 */
      } else {
        value = value.replace(/\./g, "").replace(",", "."); /* 1.918,50 */
      }
    } else if (/^\d{1,3}(\.\d{3})+$/.test(value)) {
      value = value.replace(/\./g, ""); /* 2.400 */
    }
    var match = /^(\d*)(?:\.(\d*))?$/.exec(value);
    if (!match || match[1] + (match[2] || "") === "") {
      return null;
    }
    var decimals = match[2] || "";
    if (decimals.length > 2) {
      return null;
    }
    return BigInt(match[1] || "0") * HUNDRED + BigInt((decimals + "00").slice(0, 2));
  }

  function groupThousands(digits) {
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  /* Cents (BigInt) -> "€ 1.250,00" with a no-break space, like the server's tables. */
  function formatMoney(cents) {
    var negative = cents < ZERO;
    var absolute = negative ? -cents : cents;
    var whole = (absolute / HUNDRED).toString();
    var rest = (absolute % HUNDRED).toString();
    if (rest.length < 2) {
      rest = "0" + rest;
    }
    return "€\u00a0" + (negative ? "-" : "") + groupThousands(whole) + "," + rest;
  }

  /* prevented / cost to one decimal, half up, as "4,2" (both non-negative cents). */
  function formatRatio(prevented, cost) {
    var tenths = (prevented * BigInt(20) + cost) / (cost * BigInt(2));
    return groupThousands((tenths / BigInt(10)).toString()) + "," + (tenths % BigInt(10)).toString();
  }

  function field(row, suffix) {
    return row.querySelector('[name$="-' + suffix + '"]');
  }

  function rowLine(row) {
    var remove = field(row, "DELETE");
    if (remove && remove.checked) {
      return null;
    }
    var side = field(row, "side");
    var tariff = field(row, "tariff");
    var quantity = parseHundredths(field(row, "quantity") ? field(row, "quantity").value : "");
    var option = tariff && tariff.selectedIndex >= 0 ? tariff.options[tariff.selectedIndex] : null;
    var price = null;
    var domain = "";
    if (option && option.value) {
      /* A kept row keeps the price it was saved with while its tariff stays the same
         (learning/plans/costs.py); a new or changed tariff takes the current price. */
      var kept = row.getAttribute("data-snapshot-tariff") === option.value;
      price = parseHundredths(
        kept ? row.getAttribute("data-snapshot-price") : option.getAttribute("data-price")
      );
      domain = option.getAttribute("data-domain") || "";
    } else {
      var own = field(row, "unit_price");
      var ownDomain = field(row, "domain");
      price = parseHundredths(own ? own.value : "");
      domain = ownDomain ? ownDomain.value : "";
    }
    if (quantity === null || price === null || !domain || !side || !side.value) {
      /* Something typed that cannot be counted yet is shown, never dropped silently. */
      var quantityInput = field(row, "quantity");
      var typed = [field(row, "unit_price"), field(row, "description")].some(function (input) {
        return input && input.value.trim() !== "";
      }) || Boolean(option && option.value) || Boolean(
        quantityInput && quantityInput.value.trim() !== quantityInput.defaultValue.trim()
      );
      return typed ? { skipped: true } : null;
    }
    /* quantity and price are in hundredths: the product is in 1/10000; round half up. */
    var cents = (quantity * price + BigInt(50)) / HUNDRED;
    return { side: side.value, domain: domain, cents: cents };
  }

  function enhance(form) {
    var rows = form.querySelector("[data-calc-rows]");
    var template = form.querySelector("template[data-calc-template]");
    var addButton = form.querySelector("[data-calc-add]");
    var total = form.querySelector('input[name$="-TOTAL_FORMS"]');
    var maximum = form.querySelector('input[name$="-MAX_NUM_FORMS"]');
    var section = document.querySelector(".plan-costs-section");
    if (!rows || !total || !section) {
      return;
    }
    var summary = section.querySelector("[data-calc-summary]");
    var domainsBody = summary ? summary.querySelector("[data-calc-domains]") : null;
    var draft = section.querySelector("[data-calc-draft]");
    var skippedNote = section.querySelector("[data-calc-skipped]");
    var announcer = section.querySelector("[data-calc-announce]");
    var ratioCell = section.querySelector('[data-calc-result="ratio"]');
    var labels = [];
    var domainSelect = form.querySelector('select[name$="-domain"]') ||
      (template ? template.content.querySelector('select[name$="-domain"]') : null);
    if (domainSelect) {
      Array.prototype.forEach.call(domainSelect.options, function (option) {
        if (option.value) {
          labels.push({ value: option.value, label: option.textContent.trim() });
        }
      });
    }
    var lastAnnounced = "";
    var announceTimer = null;
    var latest = null;

    function setText(selector, text) {
      section.querySelectorAll(selector).forEach(function (element) {
        element.textContent = text;
      });
    }

    function cell(tag, text, className) {
      var element = document.createElement(tag);
      element.className = className;
      element.textContent = text;
      return element;
    }

    function recalculate() {
      var cost = {};
      var prevented = {};
      var costTotal = ZERO;
      var preventedTotal = ZERO;
      var skippedCount = 0;
      rows.querySelectorAll("[data-calc-row]").forEach(function (row) {
        var line = rowLine(row);
        var skipped = line !== null && line.skipped === true;
        var output = row.querySelector("[data-calc-row-amount]");
        var wrapper = row.querySelector("[data-calc-row-amount-wrapper]");
        var notice = row.querySelector("[data-calc-row-skipped]");
        if (output && wrapper) {
          wrapper.hidden = line === null || skipped;
          output.textContent = line === null || skipped ? "" : formatMoney(line.cents);
        }
        if (notice) {
          notice.hidden = !skipped;
        }
        if (skipped) {
          skippedCount += 1;
        }
        if (line === null || skipped) {
          return;
        }
        var bucket = line.side === "prevented" ? prevented : cost;
        bucket[line.domain] = (bucket[line.domain] || ZERO) + line.cents;
        if (line.side === "prevented") {
          preventedTotal += line.cents;
        } else {
          costTotal += line.cents;
        }
      });
      var net = preventedTotal - costTotal;
      if (domainsBody) {
        while (domainsBody.firstChild) {
          domainsBody.removeChild(domainsBody.firstChild);
        }
        labels.forEach(function (domain) {
          if (!(domain.value in cost) && !(domain.value in prevented)) {
            return;
          }
          var c = cost[domain.value] || ZERO;
          var p = prevented[domain.value] || ZERO;
          var tr = document.createElement("tr");
          tr.className = "utrecht-table__row";
          var th = cell("th", domain.label, "utrecht-table__header-cell");
          th.setAttribute("scope", "row");
          tr.appendChild(th);
          tr.appendChild(cell("td", formatMoney(c), "utrecht-table__cell plan-number"));
          tr.appendChild(cell("td", formatMoney(p), "utrecht-table__cell plan-number"));
          tr.appendChild(cell("td", formatMoney(p - c), "utrecht-table__cell plan-number"));
          domainsBody.appendChild(tr);
        });
      }
      setText('[data-calc-total="cost"]', formatMoney(costTotal));
      setText('[data-calc-total="prevented"]', formatMoney(preventedTotal));
      setText('[data-calc-total="net"]', formatMoney(net));
      setText('[data-calc-result="net"]', formatMoney(net));
      if (ratioCell) {
        ratioCell.textContent = costTotal > ZERO
          ? formatRatio(preventedTotal, costTotal) + " " + ratioCell.getAttribute("data-calc-ratio-text")
          : ratioCell.getAttribute("data-calc-no-costs");
      }
      if (draft) {
        draft.hidden = false;
      }
      if (skippedNote) {
        skippedNote.hidden = skippedCount === 0;
        skippedNote.textContent = skippedCount === 1
          ? skippedNote.getAttribute("data-calc-skipped-one")
          : (skippedNote.getAttribute("data-calc-skipped-many") || "")
            .replace("{count}", String(skippedCount));
      }
      latest = { net: net, cost: costTotal, prevented: preventedTotal, skipped: skippedCount };
    }

    function announce() {
      /* The sentence comes translated from the server, with {net}, {cost}, {prevented}. */
      var pattern = announcer ? announcer.getAttribute("data-calc-announce-pattern") : "";
      if (!pattern || latest === null) {
        return;
      }
      var values = {
        net: formatMoney(latest.net),
        cost: formatMoney(latest.cost),
        prevented: formatMoney(latest.prevented)
      };
      var text = pattern.replace(/\{(net|cost|prevented)\}/g, function (match, name) {
        return values[name];
      });
      if (latest.skipped && skippedNote) {
        text += " " + skippedNote.textContent;
      }
      if (text !== lastAnnounced) {
        lastAnnounced = text;
        announcer.textContent = text;
      }
    }

    form.addEventListener("input", recalculate);
    form.addEventListener("change", function () {
      recalculate();
      window.clearTimeout(announceTimer);
      announceTimer = window.setTimeout(announce, 500);
    });

    if (addButton && template) {
      var updateButton = function () {
        var max = maximum ? parseInt(maximum.value, 10) : 1000;
        addButton.hidden = parseInt(total.value, 10) >= max;
      };
      addButton.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        var holder = document.createElement("div");
        holder.innerHTML = template.innerHTML
          .replace(/__prefix__/g, String(index))
          .replace(/__number__/g, String(index + 1));
        var row = holder.firstElementChild;
        if (!row) {
          return;
        }
        rows.appendChild(row);
        total.value = String(index + 1);
        updateButton();
        var first = row.querySelector("select, input:not([type=hidden]), textarea");
        if (first) {
          first.focus();
        }
      });
      updateButton();
    }
  }

  function init() {
    document.querySelectorAll("form[data-plan-calculator]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
