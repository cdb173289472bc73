// The review page. Document text is untrusted: everything is put in the page with
// textContent / createElement, never innerHTML. Every decision is POSTed and committed
// before the page shows it as saved.
"use strict";

const csrf = document.querySelector('meta[name="csrf-token"]').content;
let items = [];
let codes = [];
let index = 0;
let pickerMode = null;  // "relabel" | "add" | null

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function codeInfo(id) { return codes.find((c) => c.id === id) || { id, label: id }; }

function relabelChoices(item) {
  const group = codeInfo(item.code).group;
  return codes.filter((c) => c.id !== item.code && c.group === group).slice(0, 9);
}

async function load(keepTag) {
  const response = await fetch("/api/items", { credentials: "same-origin" });
  if (response.status === 401) { window.location = "/login"; return; }
  const data = await response.json();
  items = data.items;
  codes = data.codes;
  if (keepTag) {
    const found = items.findIndex((i) => i.tag_id === keepTag);
    index = found >= 0 ? found : index;
  } else {
    const open = items.findIndex((i) => !i.decision);
    index = open >= 0 ? open : Math.max(0, items.length - 1);
  }
  render(data.progress);
}

function renderProgress(progress) {
  document.getElementById("progress").textContent =
    `${progress.done} done · ${progress.left} left · item ${items.length ? index + 1 : 0} of ${items.length}`;
  const box = document.getElementById("per-code");
  clear(box);
  box.appendChild(el("h3", "Progress per code"));
  const table = el("table");
  for (const [code, counts] of Object.entries(progress.per_code)) {
    const row = el("tr");
    row.appendChild(el("td", code));
    row.appendChild(el("td", `${counts.done} done`));
    row.appendChild(el("td", `${counts.left} left`));
    table.appendChild(row);
  }
  box.appendChild(table);
}

function computeProgress() {
  const perCode = {};
  let done = 0;
  for (const item of items) {
    perCode[item.code] = perCode[item.code] || { done: 0, left: 0 };
    if (item.decision) { perCode[item.code].done += 1; done += 1; } else perCode[item.code].left += 1;
  }
  const sorted = {};
  for (const key of Object.keys(perCode).sort()) sorted[key] = perCode[key];
  return { done, left: items.length - done, per_code: sorted };
}

function render(progress) {
  renderProgress(progress || computeProgress());
  const item = items[index];
  const ids = ["meta", "before", "sentence", "after", "decision", "reason", "code", "choices"];
  for (const id of ids) clear(document.getElementById(id));
  if (!item) { document.getElementById("sentence").textContent = "Nothing to review."; return; }
  const meta = document.getElementById("meta");
  meta.textContent = [item.document, item.country || "country ?", item.year || "year ?",
    `page ${item.page ?? "?"}`, `sentence ${item.sentence_idx}`].join(" · ");
  meta.dataset.tag = item.tag_id;
  document.getElementById("before").textContent = item.before;
  document.getElementById("after").textContent = item.after;
  const sentence = document.getElementById("sentence");
  const [start, end] = item.span;
  sentence.appendChild(document.createTextNode(item.sentence.slice(0, start)));
  sentence.appendChild(el("mark", item.sentence.slice(start, end)));
  sentence.appendChild(document.createTextNode(item.sentence.slice(end)));
  const decision = document.getElementById("decision");
  if (item.decision) {
    const text = item.decision === "relabel" ? `relabel → ${item.new_code}` : item.decision;
    decision.appendChild(el("span", `Your decision: ${text}`, item.decision));
  } else {
    decision.appendChild(el("span", "Not judged yet"));
  }
  if (item.added.length) decision.appendChild(el("div", `Added: ${item.added.join(", ")}`));
  if (item.orphaned) decision.appendChild(el("div", "This tag is no longer produced by the current codebook."));
  const reason = document.getElementById("reason");
  reason.appendChild(el("h3", "The machine's reason"));
  reason.appendChild(el("div", item.reason.text));
  const info = codeInfo(item.code);
  const code = document.getElementById("code");
  code.appendChild(el("h2", `${info.label} (${info.id})`));
  if (info.definition) code.appendChild(el("p", info.definition));
  if (info.include) code.appendChild(el("p", `Include: ${info.include}`));
  if (info.exclude) code.appendChild(el("p", `Exclude: ${info.exclude}`));
  if (info.examples && info.examples.length) {
    const list = el("ul");
    for (const example of info.examples) list.appendChild(el("li", example));
    code.appendChild(el("h4", "Examples"));
    code.appendChild(list);
  }
  const choices = document.getElementById("choices");
  choices.appendChild(el("h3", "Relabel to"));
  const ol = el("ol");
  for (const choice of relabelChoices(item)) ol.appendChild(el("li", `${choice.label} (${choice.id})`));
  choices.appendChild(ol);
}

function setStatus(text) { document.getElementById("status").textContent = text; }

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) { setStatus(`not saved: ${data.error || response.status}`); return null; }
  setStatus("");
  return data;
}

async function judge(decision, extra) {
  const item = items[index];
  if (!item) return;
  const saved = await post("/api/judgements", { tag_id: item.tag_id, decision, ...extra });
  if (!saved) return;
  if (decision === "add") {
    item.added = [...item.added, extra.code];
  } else {
    item.decision = decision;
    item.new_code = extra && extra.new_code ? extra.new_code : null;
    if (index < items.length - 1) index += 1;
  }
  document.body.dataset.saved = String(saved.id);
  render();
}

async function undoLast() {
  const data = await post("/api/undo", {});
  if (!data) return;
  await load(data.undone ? data.undone.tag_id || items[index].tag_id : items[index].tag_id);
  document.body.dataset.saved = `undo-${data.undone ? data.undone.id : "none"}`;
}

function matchesFor(query) {
  const q = query.trim().toLowerCase();
  return codes.filter((c) => !q || c.id.toLowerCase().includes(q) || c.label.toLowerCase().includes(q));
}

function openPicker(mode) {
  pickerMode = mode;
  const picker = document.getElementById("picker");
  document.getElementById("picker-label").textContent =
    mode === "add" ? "Add a missed code to this sentence" : "Relabel to";
  picker.hidden = false;
  const input = document.getElementById("typeahead");
  input.value = "";
  showMatches("");
  input.focus();
}

function closePicker() {
  pickerMode = null;
  document.getElementById("picker").hidden = true;
  document.getElementById("typeahead").blur();
}

function showMatches(query) {
  const list = document.getElementById("matches");
  clear(list);
  for (const code of matchesFor(query).slice(0, 8)) list.appendChild(el("li", `${code.label} (${code.id})`));
}

document.getElementById("typeahead").addEventListener("input", (event) => showMatches(event.target.value));
document.getElementById("typeahead").addEventListener("keydown", async (event) => {
  if (event.key === "Escape") { event.preventDefault(); closePicker(); return; }
  if (event.key !== "Enter") return;
  event.preventDefault();
  const first = matchesFor(event.target.value)[0];
  const mode = pickerMode;
  closePicker();
  if (!first) return;
  if (mode === "add") await judge("add", { code: first.id });
  else if (first.id !== items[index].code) await judge("relabel", { new_code: first.id });
});

// Keys are handled one after another, so a fast typist never judges the wrong item.
let pending = Promise.resolve();
document.addEventListener("keydown", (event) => {
  if (pickerMode || event.ctrlKey || event.metaKey || event.altKey) return;
  // Keys that open the picker must not also type themselves into it.
  if (["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp", "/", "l", "n"].includes(event.key)) event.preventDefault();
  const key = event.key;
  pending = pending.then(() => handleKey(key)).catch((error) => setStatus(`error: ${error}`));
});

async function handleKey(key) {
  if (key === "a") await judge("accept");
  else if (key === "r") await judge("reject");
  else if (/^[1-9]$/.test(key)) {
    const choice = relabelChoices(items[index])[Number(key) - 1];
    if (choice) await judge("relabel", { new_code: choice.id });
  } else if (key === "l" || key === "/") openPicker("relabel");
  else if (key === "n") openPicker("add");
  else if (key === "u") await undoLast();
  else if (key === "ArrowRight" || key === "ArrowDown" || key === "j") {
    if (index < items.length - 1) { index += 1; render(); }
  } else if (key === "ArrowLeft" || key === "ArrowUp" || key === "k") {
    if (index > 0) { index -= 1; render(); }
  }
}

load().catch((error) => setStatus(`could not load: ${error}`));
