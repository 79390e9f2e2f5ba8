/*
 * Practice plan builder: autosave of a text section while typing.
 *
 * The form works without this script (buttons "Opslaan", "Opslaan en verder"). With it,
 * the answer is saved a moment after typing stops and when the field loses focus: a
 * POST to the same address with `Accept: application/json`, answered with
 * {saved: true, saved_at, message} or, with status 400, {saved: false, errors}.
 * The typed text is never changed or cleared by this script; a refused text (the
 * anonymisation guard, the length limit) stays in the field with the message.
 * Messages come from data-* attributes on the form, so they are translated server side.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 1500;

  function init(form) {
    var field = form.querySelector("textarea[data-autosave]");
    var status = form.querySelector("#plan-autosave-status");
    if (!field || !status || !window.fetch || !window.FormData) {
      return;
    }
    var lastSaved = field.value;
    var timer = null;
    var inFlight = null;
    var pendingAgain = false;
    var describedBy = field.getAttribute("aria-describedby") || "";
    if (describedBy.split(" ").indexOf(status.id) === -1) {
      field.setAttribute("aria-describedby", (describedBy + " " + status.id).trim());
    }

    function isDirty() {
      return field.value !== lastSaved;
    }

    function show(text, isError) {
      status.textContent = text;
      status.classList.toggle("plan-autosave--error", Boolean(isError));
      if (isError) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
    }

    function save() {
      window.clearTimeout(timer);
      if (inFlight) {
        pendingAgain = true;
        return inFlight;
      }
      if (!isDirty()) {
        return Promise.resolve(true);
      }
      var value = field.value;
      var data = new FormData(form);
      data.set(field.name, value);
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      inFlight = window
        .fetch(form.action, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: {
            Accept: "application/json",
            "X-CSRFToken": token ? token.value : "",
          },
        })
        .then(function (response) {
          return response.json().then(function (body) {
            return { ok: response.ok, body: body };
          });
        })
        .then(function (result) {
          if (result.ok && result.body.saved) {
            lastSaved = value;
            show(result.body.message || form.dataset.msgSaved || "", false);
            return true;
          }
          var errors = (result.body && result.body.errors) || [];
          show(errors.join(" ") || form.dataset.msgFailed || "", true);
          return false;
        })
        .catch(function () {
          show(form.dataset.msgOffline || "", true);
          return false;
        })
        .then(function (ok) {
          inFlight = null;
          if (pendingAgain) {
            pendingAgain = false;
            if (isDirty()) {
              return save();
            }
          }
          return ok;
        });
      return inFlight;
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, DEBOUNCE_MS);
    });
    field.addEventListener("blur", function () {
      if (isDirty()) {
        save();
      }
    });

    // Leaving through the step list or the pager: save first, go only when it worked.
    document.querySelectorAll(".plan-steps a, .plan-pager a, .portal-breadcrumbs a").forEach(
      function (link) {
        link.addEventListener("click", function (event) {
          if (!isDirty() && !inFlight) {
            return;
          }
          event.preventDefault();
          save().then(function (ok) {
            if (ok) {
              window.location.href = link.href;
            } else {
              field.focus();
            }
          });
        });
      }
    );

    // The buttons post the form normally; nothing to guard then.
    var submitting = false;
    form.addEventListener("submit", function () {
      submitting = true;
      window.clearTimeout(timer);
    });
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && isDirty()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  }

  function start() {
    document.querySelectorAll("form[data-practice-plan-form]").forEach(init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
