// Progressive enhancement: feedback without a page reload. Without this script every form
// still works as a plain post that redirects back.
(function () {
  "use strict";

  function storyOf(form) {
    return form.closest("[data-story]");
  }

  async function send(form, submitter) {
    const data = new FormData(form);
    if (submitter && submitter.name) data.set(submitter.name, submitter.value);
    const status = form.querySelector(".status");
    const response = await fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(data),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": data.get("csrf_token") || "" },
    });
    let body = {};
    try { body = await response.json(); } catch (e) { body = {}; }
    if (!response.ok) {
      if (status) status.textContent = (body && body.detail) || "That did not work; reload the page and retry.";
      return;
    }
    if (submitter) submitter.setAttribute("aria-pressed", "true");
    const kind = data.get("kind");
    const card = storyOf(form);
    if ((kind === "hide" || kind === "mute") && card && card.tagName === "ARTICLE" && !card.classList.contains("full")) {
      const note = document.createElement("p");
      note.className = "story-gone";
      note.setAttribute("role", "status");
      note.setAttribute("tabindex", "-1");
      note.textContent = body.message || "Done.";
      card.replaceWith(note);
      note.focus();
      return;
    }
    if (status) status.textContent = body.message || "Done.";
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-feedback")) return;
    event.preventDefault();
    const submitter = event.submitter;
    send(form, submitter).catch(function () {
      // Network trouble: fall back to the plain post, keeping the button that was pressed.
      if (submitter && submitter.name) {
        const field = document.createElement("input");
        field.type = "hidden";
        field.name = submitter.name;
        field.value = submitter.value;
        form.appendChild(field);
      }
      form.submit();
    });
  });
})();
