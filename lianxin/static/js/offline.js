/* Working with no signal (issue 16), without inline script (the CSP forbids it).

   - Registers the service worker (/sw.js: the shell and the daily pages open offline) and shows
     the 离线 banner while the browser is offline.
   - A form marked data-offline-queue="<kind>" (a visit, a measure's progress report) submitted
     with no network is kept in this browser's IndexedDB — its photos made smaller first — with an
     id made here (client_id), its kind and the address it posts to: one queue for every kind.
     The form names what the list shows of a record: data-offline-label (fixed text, the measure)
     and data-offline-describe (the fields whose values follow it). The queue is listed in
     [data-offline-queue-panel] with a count; a record can be edited (put back in its form — on
     its own page when it belongs to another) or discarded. When the network returns (and on
     every page load) the records are sent oldest first, one at a time, each to its address as
     its form would have sent it, with the header that asks the server for JSON. The server makes
     one record per client_id, so a resend or a second tab sending the same queue never makes a
     duplicate. A record the server refuses stays with the Chinese reason; a session that ended
     stops the sending until the user logs in again.
   - Records belong to the user who typed them (<meta name="lianxin-user">) and are only ever
     sent in that user's session. Logging out asks before discarding unsent records, and empties
     the cached pages; so does a different user logging in on the same device. */
(function () {
  "use strict";
  var DB_NAME = "lianxin", STORE = "queue", PAGE_CACHE = "pages", MAX_SIDE = 1600, EDIT = "#queue-edit-";
  var script = document.currentScript;
  var userMeta = document.querySelector('meta[name="lianxin-user"]');
  var user = userMeta ? userMeta.content : "";
  var sending = false;

  // --- the device's user: a change empties the cached pages --------------------------------
  var last = localStorage.getItem("lianxin-user") || "";
  if (!user || (last && last !== user)) clearPages();
  if (user) localStorage.setItem("lianxin-user", user);

  function clearPages() {
    if (window.caches) return caches.delete(PAGE_CACHE);
    return Promise.resolve();
  }

  if ("serviceWorker" in navigator && script && script.dataset.sw) {
    navigator.serviceWorker.register(script.dataset.sw, { scope: "/" }).catch(function () {});
  }

  // --- the banner ---------------------------------------------------------------------------
  var banner = document.getElementById("offline-banner");
  function showState() {
    if (banner) banner.classList.toggle("d-none", navigator.onLine);
  }
  window.addEventListener("online", function () { showState(); flush(); });
  window.addEventListener("offline", showState);
  showState();

  // --- IndexedDB ----------------------------------------------------------------------------
  function db() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DB_NAME, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: "id" }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }
  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var t = d.transaction(STORE, mode), result;
        result = work(t.objectStore(STORE));
        t.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : undefined); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  function allRecords() {
    return tx("readonly", function (s) { return s.getAll(); }).then(function (rows) {
      return (rows || []).filter(function (r) { return r.user === user; })
        .sort(function (a, b) { return a.created - b.created; });
    });
  }
  function put(record) { return tx("readwrite", function (s) { return s.put(record); }); }
  function remove(id) { return tx("readwrite", function (s) { return s.delete(id); }); }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // --- a photo made smaller on the phone, before it is stored --------------------------------
  function shrink(file) {
    if (!file || !/^image\//.test(file.type)) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) { resolve(blob || file); }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  // --- queueing a form ----------------------------------------------------------------------
  function shown(el) {
    if (!el) return "";
    if (el.tagName === "SELECT") {
      var option = el.options[el.selectedIndex];
      return option && option.value ? option.text.replace(/^★\s*/, "") : "";
    }
    return el.value;
  }

  function describe(form) {
    var names = (form.dataset.offlineDescribe || "").split(/\s+/).filter(Boolean);
    var parts = [form.dataset.offlineLabel || ""].concat(names.map(function (n) { return shown(form.elements[n]); }));
    return parts.filter(Boolean).join(" · ");
  }

  function target(form) {
    var url = new URL(form.getAttribute("action") || location.href, location.href);
    return url.pathname + url.search;
  }

  function queue(form) {
    var fields = [], files = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken" || el.name === "client_id") return;
      if (el.type === "file") {
        Array.prototype.forEach.call(el.files, function (file) { files.push([el.name, file]); });
        return;
      }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) return;
      fields.push([el.name, el.value]);
    });
    return Promise.all(files.map(function (f) {
      return shrink(f[1]).then(function (blob) {
        var name = f[1].name || "photo";  // a document (PDF …) is kept as it is, under its own name
        return [f[0], blob, blob === f[1] ? name : name.replace(/\.\w+$/, "") + ".jpg"];
      });
    })).then(function (shrunk) {
      var record = {
        id: form.elements.client_id && form.elements.client_id.value || uuid(),
        user: user, kind: form.dataset.offlineQueue || "", url: target(form), label: describe(form),
        fields: fields, files: shrunk, created: Date.now(), error: ""
      };
      return put(record);
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-offline-queue]")) return;
    if (form.elements.client_id && !form.elements.client_id.value) form.elements.client_id.value = uuid();
    if (navigator.onLine) return; // sent as usual; its client_id still makes a double tap one visit
    event.preventDefault();
    queue(form).then(function () {
      form.reset();
      if (form.elements.client_id) form.elements.client_id.value = "";
      render(form.dataset.offlineSaved);
    });
  });

  // --- sending ------------------------------------------------------------------------------
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function send(record) {
    var body = new FormData();
    record.fields.forEach(function (f) { body.append(f[0], f[1]); });
    record.files.forEach(function (f) { body.append(f[0], f[1], f[2]); });
    body.append("client_id", record.id);
    body.append("csrfmiddlewaretoken", csrfToken());
    return fetch(record.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Lianxin-Queue": "1", "X-CSRFToken": csrfToken() }
    });
  }

  function flush() {
    if (sending || !navigator.onLine || !user) return Promise.resolve();
    sending = true;
    var stop = null;
    return allRecords().then(function (records) {
      return records.reduce(function (chain, record) {
        return chain.then(function () {
          if (stop || !navigator.onLine) return;
          return send(record).then(function (response) {
            if (response.redirected || /\/accounts\/login\//.test(response.url)) {
              stop = panelText("loginAgain");
              return;
            }
            var json = /json/.test(response.headers.get("Content-Type") || "");
            if (response.ok && json) return remove(record.id);
            if (json && response.status < 500) {
              return response.json().then(function (answer) {
                record.error = answer.message || String(response.status);
                return put(record);
              });
            }
            if (response.status === 403) { stop = panelText("pageExpired"); return; }
            record.error = panelText("serverError") + " (" + response.status + ")";
            return put(record);
          }, function () { stop = panelText("noNetwork"); });
        });
      }, Promise.resolve());
    }).then(function () { render(stop); }).finally(function () { sending = false; });
  }

  // --- the panel ----------------------------------------------------------------------------
  var panel = document.querySelector("[data-offline-queue-panel]");
  function panelText(key) { return panel ? panel.dataset[key] || "" : ""; }

  function render(note) {
    if (!panel) return;
    allRecords().then(function (records) {
      panel.classList.toggle("d-none", !records.length && !note);
      panel.querySelector("[data-queue-count]").textContent = records.length;
      var list = panel.querySelector("[data-queue-list]");
      list.innerHTML = "";
      records.forEach(function (r) {
        var item = document.createElement("li");
        item.className = "list-group-item d-flex flex-wrap gap-2 align-items-center";
        item.dataset.queueRecord = r.id;
        var text = document.createElement("span");
        text.className = "me-auto";
        if (r.kind) {
          var kind = document.createElement("span");
          kind.className = "badge text-bg-light border me-1";
          kind.dataset.queueKind = "";
          kind.textContent = r.kind;
          text.appendChild(kind);
        }
        text.appendChild(document.createTextNode(r.label));
        if (r.files.length) {
          var camera = document.createElement("i");
          camera.className = "bi bi-camera ms-1";
          camera.setAttribute("aria-label", panelText("photo"));
          text.appendChild(camera);
        }
        item.appendChild(text);
        if (r.error) {
          var error = document.createElement("span");
          error.className = "queue-error w-100 small order-last";
          error.textContent = r.error;
          item.appendChild(error);
        }
        [["edit", "btn-outline-secondary"], ["discard", "btn-outline-danger"]].forEach(function (b) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "btn btn-sm " + b[1];
          button.dataset.queueAction = b[0];
          button.textContent = panelText(b[0]);
          item.appendChild(button);
        });
        list.appendChild(item);
      });
      var message = panel.querySelector("[data-queue-note]");
      message.textContent = note || "";
      message.classList.toggle("d-none", !note);
    });
  }

  // A record goes back into its own form: on this page, or on the page it was typed on (opened
  // from the worker's copy when there is no network), which puts it back on loading — once.
  function edit(id, arrived) {
    allRecords().then(function (records) {
      var r = records.filter(function (x) { return x.id === id; })[0];
      if (!r) return;
      var form = Array.prototype.filter.call(document.querySelectorAll("form[data-offline-queue]"), function (f) {
        return target(f) === r.url;
      })[0];
      if (!form) { if (!arrived) location.assign(r.url + EDIT + r.id); return; }
      fill(form, r);
      return remove(id).then(function () { render(); form.scrollIntoView(); });
    });
  }

  function fill(form, r) {
    r.fields.forEach(function (f) {
      var els = form.querySelectorAll('[name="' + f[0] + '"]');
      Array.prototype.forEach.call(els, function (el) {
        if (el.type === "checkbox" || el.type === "radio") el.checked = el.value === f[1] || el.type === "checkbox";
        else el.value = f[1];
      });
    });
    Array.prototype.forEach.call(form.querySelectorAll('input[type="file"]'), function (input) {
      var mine = r.files.filter(function (f) { return f[0] === input.name; });
      if (!mine.length || !window.DataTransfer) return;
      var photos = new DataTransfer();
      mine.slice(0, input.multiple ? mine.length : 1).forEach(function (f) {
        photos.items.add(new File([f[1]], f[2], { type: f[1].type || "image/jpeg" }));
      });
      input.files = photos.files;
    });
    if (form.elements.client_id) form.elements.client_id.value = r.id; // still one record
  }

  if (panel) {
    panel.addEventListener("click", function (event) {
      var button = event.target.closest("[data-queue-action]");
      if (!button) return;
      var id = button.closest("[data-queue-record]").dataset.queueRecord;
      if (button.dataset.queueAction === "discard") {
        if (window.confirm(panelText("confirmDiscard"))) remove(id).then(function () { render(); });
      } else {
        edit(id);
      }
    });
    var sendNow = panel.querySelector("[data-queue-send]");
    if (sendNow) sendNow.addEventListener("click", function () { flush(); });
  }

  // --- logging out: nothing of this user stays on the device ---------------------------------
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.action || !/\/accounts\/logout\//.test(form.action) || form._cleared) return;
    event.preventDefault();
    allRecords().then(function (records) {
      var question = (document.body.dataset.logoutUnsent || "").replace("%(n)s", records.length);
      if (records.length && !window.confirm(question)) return;
      return Promise.all(records.map(function (r) { return remove(r.id); })).then(clearPages).then(function () {
        localStorage.removeItem("lianxin-user");
        form._cleared = true;
        form.submit();
      });
    });
  }, true);

  if (location.hash.indexOf(EDIT) === 0) {
    var editing = location.hash.slice(EDIT.length);
    history.replaceState(null, "", location.pathname + location.search);
    edit(editing, true);
  }
  render();
  flush();
})();
