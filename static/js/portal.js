/*
 * Doorbraak Leeromgeving: progressive enhancement only. Every page works without this file;
 * it is loaded with `defer` from the site's own origin (CSP script-src 'self').
 */
(function () {
  "use strict";

  var EMBED_PREFIX = "https://www.youtube-nocookie.com/embed/";

  /*
   * Video block (portal/home/templates/home/blocks/video.html): the YouTube player is
   * only loaded after the visitor presses the button, so a page view sends nothing to
   * YouTube by itself.
   */
  function enhanceVideo(player) {
    var embedUrl = player.getAttribute("data-video-embed") || "";
    var consent = player.querySelector("[data-video-consent]");
    var button = player.querySelector("[data-video-load]");
    if (!consent || !button || embedUrl.indexOf(EMBED_PREFIX) !== 0) {
      return;
    }
    consent.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("div");
      frame.className = "portal-video__frame";
      var iframe = document.createElement("iframe");
      iframe.src = embedUrl + "?autoplay=1&rel=0";
      iframe.title = player.getAttribute("data-video-title") || "Video";
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.allowFullscreen = true;
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      frame.appendChild(iframe);
      var placeholder = player.querySelector(".portal-video__placeholder");
      if (placeholder) {
        placeholder.replaceWith(frame);
      } else {
        player.appendChild(frame);
      }
      player.classList.add("portal-video__player--loaded");
      // The button that had focus is gone: put focus on the player instead of losing it.
      iframe.focus();
    });
  }

  /* Print every <details> open (FAQ answers, transcripts), and close them again after. */
  function openDetailsForPrint() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (details) {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (details) {
        details.open = false;
      });
      opened = [];
    });
  }

  /*
   * Disclosures that are always open on a wide screen (<details data-open-wide="(media
   * query)">): the header menu and the casebook's filters. They work without this code,
   * and browsers that can style ::details-content show their content on a wide screen in
   * CSS; other browsers get them opened here when the query matches.
   */
  var CSS_SHOWS_DETAILS_CONTENT =
    !!window.CSS && typeof CSS.supports === "function" && CSS.supports("selector(::details-content)");

  function openWhenWide(details) {
    var wide = window.matchMedia(details.getAttribute("data-open-wide") || "not all");
    if (CSS_SHOWS_DETAILS_CONTENT) {
      return;
    }
    var sync = function () {
      details.open = wide.matches;
    };
    sync();
    if (typeof wide.addEventListener === "function") {
      wide.addEventListener("change", sync);
    }
  }

  /*
   * Header menu (templates/includes/header.html): Escape closes the open menu on a narrow
   * screen and puts focus back on its "Menu" button.
   */
  function enhanceMenu(menu) {
    var toggle = menu.querySelector("summary");
    if (!toggle) {
      return;
    }
    menu.addEventListener("keydown", function (event) {
      var shownAsToggle = toggle.offsetParent !== null || toggle.getClientRects().length > 0;
      if (event.key !== "Escape" || event.defaultPrevented || !menu.open || !shownAsToggle) {
        return;
      }
      event.preventDefault();
      menu.open = false;
      toggle.focus();
    });
  }

  function init() {
    document.querySelectorAll("[data-video-embed]").forEach(enhanceVideo);
    document.querySelectorAll("details[data-open-wide]").forEach(openWhenWide);
    document.querySelectorAll("details[data-portal-menu]").forEach(enhanceMenu);
    openDetailsForPrint();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
