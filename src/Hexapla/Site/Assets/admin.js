// Hexapla admin: live Markdown preview. The server renders and sanitises; this file only moves text.
// Without JavaScript every form still works: its "Preview" button re-renders the page with the preview.
(function () {
  "use strict";

  function attach(textarea) {
    var target = document.getElementById(textarea.getAttribute("data-preview"));
    var form = textarea.form;
    if (!target || !form) {
      return;
    }

    var timer = null;
    var sent = 0;

    function render() {
      var token = form.querySelector("input[name=__RequestVerificationToken]");
      var data = new FormData();
      data.append("body", textarea.value);
      // The version's language chooses media texts and file variants: the textarea's own, else the form's language field.
      var language = textarea.getAttribute("lang") || (form.elements.language && form.elements.language.value) || "";
      data.append("lang", language);
      if (token) {
        data.append("__RequestVerificationToken", token.value);
      }

      var mine = ++sent;
      fetch("/admin/preview", { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("preview failed: " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          // An older answer arriving late must not replace a newer one.
          if (mine === sent) {
            target.innerHTML = html;
            target.removeAttribute("data-stale");
          }
        })
        .catch(function () {
          target.setAttribute("data-stale", "true");
        });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 300);
    });
  }

  document.querySelectorAll("textarea[data-preview]").forEach(attach);
})();

// Media library: the upload form sends each chosen or dropped file in a request of its own, with a progress bar each;
// without script the same form posts every file at once.
(function () {
  "use strict";

  function item(list, name) {
    var li = document.createElement("li");
    var label = document.createElement("span");
    label.className = "upload-name";
    label.textContent = name;
    label.setAttribute("dir", "auto");
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", name);
    var status = document.createElement("span");
    status.className = "upload-status";
    li.appendChild(label);
    li.appendChild(bar);
    li.appendChild(status);
    list.appendChild(li);
    return { li: li, bar: bar, status: status };
  }

  function send(form, file, row) {
    var data = new FormData();
    var token = form.querySelector("input[name=__RequestVerificationToken]");
    if (token) {
      data.append("__RequestVerificationToken", token.value);
    }
    data.append("lang", form.querySelector("[name=lang]").value);
    data.append("file", file, file.name);
    row.status.textContent = form.getAttribute("data-uploading");
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action"));
    request.setRequestHeader("Accept", "application/json");
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        row.bar.value = Math.round((e.loaded / e.total) * 100);
      }
    });
    request.addEventListener("load", function () {
      var answer = null;
      try {
        answer = JSON.parse(request.responseText);
      } catch (ignored) {
        answer = null;
      }
      if (request.status === 201 && answer) {
        row.bar.value = 100;
        row.li.setAttribute("data-state", "done");
        row.status.textContent = form.getAttribute("data-uploaded") + " ";
        var link = document.createElement("a");
        link.href = answer.href;
        link.textContent = answer.title || file.name;
        link.setAttribute("dir", "auto");
        row.status.appendChild(link);
      } else {
        fail(row, form, answer && answer.message ? answer.message : String(request.status));
      }
    });
    request.addEventListener("error", function () {
      fail(row, form, "");
    });
    request.send(data);
  }

  function fail(row, form, message) {
    row.li.setAttribute("data-state", "failed");
    row.status.textContent = form.getAttribute("data-failed") + " " + message;
    row.status.setAttribute("role", "alert");
  }

  function uploadAll(form, files) {
    var list = form.querySelector("[data-upload-list]");
    Array.prototype.forEach.call(files, function (file) {
      send(form, file, item(list, file.name));
    });
  }

  document.querySelectorAll("form[data-media-upload]").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector("[data-drop-zone]");
    var hint = form.querySelector(".drop-hint");
    if (hint) {
      hint.hidden = false;
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (input.files.length > 0) {
        uploadAll(form, input.files);
        form.reset();
      }
    });
    zone.addEventListener("dragover", function (e) {
      e.preventDefault();
      zone.setAttribute("data-over", "true");
    });
    zone.addEventListener("dragleave", function () {
      zone.removeAttribute("data-over");
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.removeAttribute("data-over");
      if (e.dataTransfer && e.dataTransfer.files.length > 0) {
        uploadAll(form, e.dataTransfer.files);
      }
    });
  });
})();

// The focal point: a click on the preview (or Enter/Space on it, focused) sets the percent inputs and the marker.
(function () {
  "use strict";

  document.querySelectorAll("[data-focal]").forEach(function (box) {
    var form = document.getElementById(box.getAttribute("data-focal"));
    var image = box.querySelector("img");
    var marker = box.querySelector(".focal-marker");
    if (!form || !image || !marker) {
      return;
    }
    var x = form.querySelector("[name=x]");
    var y = form.querySelector("[name=y]");

    function show() {
      // Positions come from the inputs (numbers 0-100) and are set through the style object, which the CSP allows.
      marker.style.insetInlineStart = "";
      marker.style.left = Math.min(100, Math.max(0, Number(x.value))) + "%";
      marker.style.top = Math.min(100, Math.max(0, Number(y.value))) + "%";
      marker.hidden = false;
    }

    image.addEventListener("click", function (e) {
      var box = image.getBoundingClientRect();
      x.value = Math.round(((e.clientX - box.left) / box.width) * 100);
      y.value = Math.round(((e.clientY - box.top) / box.height) * 100);
      show();
    });
    x.addEventListener("input", show);
    y.addEventListener("input", show);
    show();
  });
})();

// "Insert media": a dialog searching the library, putting the chosen item's reference where the cursor was.
(function () {
  "use strict";

  document.querySelectorAll("button[data-media-picker]").forEach(function (button) {
    var textarea = document.getElementById(button.getAttribute("data-media-picker"));
    var dialog = document.getElementById(button.getAttribute("data-media-picker") + "-media-picker");
    if (!textarea || !dialog || typeof dialog.showModal !== "function") {
      return;
    }
    var query = dialog.querySelector("[data-picker-query]");
    var results = dialog.querySelector("[data-picker-results]");
    var timer = null;
    var start = 0;
    var end = 0;
    button.hidden = false;

    function load() {
      var lang = button.getAttribute("data-lang") || "";
      var languageField = textarea.form ? textarea.form.querySelector("#language") : null;
      if (!lang && languageField) {
        lang = languageField.value;
      }
      fetch("/admin/media/pick?q=" + encodeURIComponent(query.value) + "&lang=" + encodeURIComponent(lang), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { results.innerHTML = html; });
    }

    button.addEventListener("click", function () {
      start = textarea.selectionStart;
      end = textarea.selectionEnd;
      dialog.showModal();
      query.focus();
      load();
    });
    query.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(load, 250);
    });
    // Enter searches at once instead of submitting the editor's form around the dialog.
    query.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        load();
      }
    });
    results.addEventListener("click", function (e) {
      var choice = e.target.closest("button[data-insert]");
      if (!choice) {
        return;
      }
      textarea.focus();
      textarea.setRangeText(choice.getAttribute("data-insert"), start, end, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      dialog.close();
      textarea.focus();
    });
    dialog.querySelector("[data-picker-close]").addEventListener("click", function () {
      dialog.close();
      button.focus();
    });
  });
})();
