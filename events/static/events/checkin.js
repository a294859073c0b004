// Check-in at the door: taps are sent in the background so the list stays put, a failed
// tap says so and can be tapped again, and the list narrows as a name is typed.
// Without this script the same forms post and reload the page.
(function () {
  "use strict";
  var root = document.querySelector("[data-checkin]");
  if (!root) return;
  var status = root.querySelector("[data-status]");
  // Words come from the page, in the coordinator's language ({name}, {message} filled here).
  function words(key, fallback, values) {
    var text = root.getAttribute("data-" + key) || fallback;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  function say(text, isError) {
    status.textContent = text;
    status.setAttribute("data-state", isError ? "error" : "ok");
  }

  function showCounts(counts) {
    Object.keys(counts).forEach(function (key) {
      var node = root.querySelector('[data-count="' + key + '"]');
      if (node) node.textContent = counts[key];
    });
  }

  function showState(form, attended) {
    var button = form.querySelector("button");
    var name = button.getAttribute("data-name");
    form.querySelector('input[name="arrived"]').value = attended ? "0" : "1";
    button.setAttribute("aria-pressed", attended ? "true" : "false");
    button.classList.toggle("button-secondary", attended);
    button.textContent = attended
      ? words("label-undo", "In – undo")
      : words("label-check-in", "Check in");
    var hidden = document.createElement("span");
    hidden.className = "w-sr-only";
    hidden.textContent = ": " + name;
    button.appendChild(hidden);
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-tap")) return;
    event.preventDefault();
    var button = form.querySelector("button");
    if (button.getAttribute("aria-busy") === "true") return;
    button.setAttribute("aria-busy", "true");
    var name = button.getAttribute("data-name");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok && data.ok, data: data };
        });
      })
      .then(function (result) {
        if (result.data.counts) showCounts(result.data.counts);
        if (result.ok) {
          showState(form, result.data.attended);
          say(result.data.message, false);
        } else {
          say(
            words("not-saved", "Not saved for {name}: {message}", {
              name: name,
              message: result.data.message,
            }),
            true,
          );
        }
      })
      .catch(function () {
        say(
          words("no-connection", "Not saved for {name}: no connection. Tap again to retry.", {
            name: name,
          }),
          true,
        );
      })
      .finally(function () {
        button.removeAttribute("aria-busy");
      });
  });

  var search = root.querySelector("[data-search]");
  if (search) {
    search.addEventListener("input", function () {
      var wanted = search.value.trim().toLowerCase();
      root.querySelectorAll("li[data-name]").forEach(function (item) {
        item.hidden = wanted !== "" && item.getAttribute("data-name").indexOf(wanted) === -1;
      });
    });
  }
})();
