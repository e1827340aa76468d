// The activity form's area picker (engagement/_area_picker.html), enhanced. Without this
// script the picker is a search that sends the form back with matching areas as checkboxes.
// With it:
// - the search box is a combobox that suggests areas (by name or postcode) as you type, in
//   the manner of GOV.UK's accessible-autocomplete: arrow keys move through the suggestions,
//   Enter chooses one, Escape closes them, and a status region says how many there are;
// - the chosen areas are tags, each with a Remove button (focus moves to the next tag, or
//   back to the search box, when one is removed);
// - the map of the wards is one control (a single Tab stop): the arrow keys move to the
//   nearest ward in that direction, Space or Enter chooses or removes it, and a click does too.

const DEBOUNCE_MS = 200;
const MIN_QUERY = 2;
let pickers = 0;

export function startAreaPickers(scope) {
  const selector = '[data-module="heard-area-picker"]';
  const found = [...scope.querySelectorAll(selector)];
  if (scope.matches && scope.matches(selector)) found.unshift(scope);
  for (const root of found) {
    if (!root.dataset.heardStarted) {
      root.dataset.heardStarted = "true";
      new AreaPicker(root);
    }
  }
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function hidden(text) {
  return element("span", { class: "govuk-visually-hidden" }, text);
}

class AreaPicker {
  constructor(root) {
    pickers += 1;
    this.id = `area-picker-${pickers}`;
    this.root = root;
    this.url = root.dataset.searchUrl || window.location.pathname;
    this.input = root.querySelector("[data-area-search] input");
    this.chosen = new Map(); // id -> name, in the order chosen
    this.results = [];
    this.active = -1;
    this.searches = 0;
    this.lastMessage = "";
    for (const box of root.querySelectorAll('input[type="checkbox"][name="areas"]')) {
      if (box.checked) this.chosen.set(box.value, box.dataset.name || box.value);
    }
    for (const old of root.querySelectorAll("[data-area-chosen], [data-area-matches]")) old.remove();
    // The search works as you type: its button (which sends the form back) goes.
    const find = root.querySelector("[data-area-search] button");
    if (find) find.remove();
    this.buildStatus();
    this.buildTags();
    this.buildCombobox();
    this.buildMap();
    this.render();
  }

  // --- the status region and the tags -----------------------------------------------------

  buildStatus() {
    this.status = element("div", { class: "govuk-visually-hidden", role: "status", "aria-atomic": "true" });
    this.root.append(this.status);
  }

  announce(message) {
    // The same words twice in a row are not read again unless they change a little.
    this.lastMessage = message === this.lastMessage ? `${message}\u00a0` : message;
    this.status.textContent = this.lastMessage;
  }

  buildTags() {
    const search = this.root.querySelector("[data-area-search]");
    this.tagsBlock = element("div", { class: "heard-area-picker__chosen" });
    this.tagsTitle = element("p", { class: "govuk-body govuk-!-margin-bottom-2", id: `${this.id}-chosen` });
    this.tags = element("ul", { class: "heard-area-tags", "aria-labelledby": `${this.id}-chosen` });
    this.tagsBlock.append(this.tagsTitle, this.tags);
    search.before(this.tagsBlock);
  }

  render() {
    const count = this.chosen.size;
    this.tagsTitle.textContent = count ? `Chosen areas (${count})` : "No areas chosen yet.";
    this.tags.replaceChildren();
    this.tags.hidden = count === 0;
    for (const [id, name] of this.chosen) {
      const remove = element("button", { type: "button", class: "heard-area-tag__remove", "data-id": id });
      remove.append("Remove", hidden(` ${name}`));
      remove.addEventListener("click", () => this.remove(id));
      const tag = element("li", { class: "heard-area-tag" });
      tag.append(element("span", { class: "heard-area-tag__name" }, name), remove);
      tag.append(element("input", { type: "hidden", name: "areas", value: id }));
      this.tags.append(tag);
    }
    for (const ward of this.wards || []) {
      const on = this.chosen.has(ward.dataset.area);
      const within = (ward.dataset.within || "").split(" ").some((id) => this.chosen.has(id));
      ward.setAttribute("aria-checked", String(on));
      ward.classList.toggle("heard-area-map__ward--chosen", on);
      ward.classList.toggle("heard-area-map__ward--within", within && !on);
    }
  }

  summary() {
    const count = this.chosen.size;
    return count ? `${count} area${count === 1 ? "" : "s"} chosen.` : "No areas chosen.";
  }

  add(id, name) {
    if (this.chosen.has(id)) {
      this.announce(`${name} is already chosen.`);
      return;
    }
    this.chosen.set(id, name);
    this.render();
    this.announce(`${name} added. ${this.summary()}`);
  }

  remove(id, { refocus = true } = {}) {
    const ids = [...this.chosen.keys()];
    const index = ids.indexOf(id);
    const name = this.chosen.get(id);
    this.chosen.delete(id);
    this.render();
    this.announce(`${name} removed. ${this.summary()}`);
    if (refocus) {
      const buttons = this.tags.querySelectorAll("button");
      const next = buttons[Math.min(index, buttons.length - 1)];
      (next || this.input).focus();
    }
  }

  // --- the combobox ----------------------------------------------------------------------

  buildCombobox() {
    const input = this.input;
    const listId = `${this.id}-options`;
    const help = element(
      "span",
      { id: `${this.id}-help`, class: "govuk-visually-hidden" },
      "When suggestions appear, use the up and down arrows to go through them and Enter to choose one.",
    );
    this.menu = element("ul", {
      id: listId,
      role: "listbox",
      class: "heard-autocomplete__menu",
      "aria-labelledby": input.labels[0] ? (input.labels[0].id ||= `${this.id}-label`) : "",
    });
    this.menu.hidden = true;
    input.closest("[data-area-search]").classList.add("heard-autocomplete");
    input.after(this.menu);
    input.after(help);
    const describedBy = [input.getAttribute("aria-describedby"), help.id].filter(Boolean).join(" ");
    Object.entries({
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": "false",
      "aria-controls": listId,
      "aria-describedby": describedBy,
      autocomplete: "off",
    }).forEach(([name, value]) => input.setAttribute(name, value));
    input.value = "";
    let timer = 0;
    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => this.search(input.value.trim()), DEBOUNCE_MS);
    });
    input.addEventListener("keydown", (event) => this.onKey(event));
    input.addEventListener("blur", () => window.setTimeout(() => this.close(), 150));
    this.menu.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the box
    this.menu.addEventListener("click", (event) => {
      const option = event.target.closest('[role="option"]');
      if (option && option.dataset.index) this.choose(Number(option.dataset.index));
    });
  }

  async search(query) {
    const token = ++this.searches;
    if (query.length < MIN_QUERY) {
      this.results = [];
      this.close();
      return;
    }
    const url = new URL(this.url, window.location.href);
    url.searchParams.set("area_search", query);
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const data = await response.json();
      if (token === this.searches) this.show(data.results || []);
    } catch (error) {
      console.error(error);
      if (token === this.searches) this.announce("Areas could not be searched just now. Try again.");
    }
  }

  show(results) {
    this.results = results;
    this.active = -1;
    this.menu.replaceChildren();
    results.forEach((result, index) => {
      const chosen = this.chosen.has(String(result.id));
      const option = element("li", {
        id: `${this.id}-option-${index}`,
        role: "option",
        class: "heard-autocomplete__option",
        "aria-selected": "false",
        "data-index": String(index),
      });
      // The comma makes screen readers pause between the name and the hint; it takes no space.
      const name = element("span", {}, result.name);
      name.append(element("span", { class: "heard-autocomplete__pause" }, ","));
      const hint = element("span", { class: "heard-autocomplete__hint" }, result.hint + (chosen ? " (chosen)" : ""));
      option.append(name, hint);
      this.menu.append(option);
    });
    if (!results.length) {
      this.menu.append(
        element("li", { class: "heard-autocomplete__option heard-autocomplete__option--none", role: "option", "aria-disabled": "true", "aria-selected": "false" }, "No areas match"),
      );
    }
    this.open();
    const count = results.length;
    this.announce(count ? `${count} area${count === 1 ? " is" : "s are"} available.` : "No areas match.");
  }

  open() {
    this.menu.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.menu.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  highlight(index) {
    const options = this.menu.querySelectorAll("[data-index]");
    this.active = Math.max(-1, Math.min(index, options.length - 1));
    options.forEach((option, i) => {
      option.setAttribute("aria-selected", String(i === this.active));
      option.classList.toggle("heard-autocomplete__option--focused", i === this.active);
    });
    if (this.active >= 0) {
      this.input.setAttribute("aria-activedescendant", options[this.active].id);
      options[this.active].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  choose(index) {
    const result = this.results[index];
    if (!result) return;
    this.input.value = "";
    this.results = [];
    this.close();
    this.add(String(result.id), result.name);
    this.input.focus();
  }

  onKey(event) {
    const isOpen = !this.menu.hidden;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!isOpen && this.results.length) this.open();
        this.highlight(this.active + 1);
        break;
      case "ArrowUp":
        if (isOpen) {
          event.preventDefault();
          this.highlight(this.active - 1);
        }
        break;
      case "Enter":
        // Enter in the search box never sends the whole form by mistake.
        if (isOpen && this.active >= 0) {
          event.preventDefault();
          this.choose(this.active);
        } else if (this.input.value.trim()) {
          event.preventDefault();
          if (this.results.length === 1) this.choose(0);
        }
        break;
      case "Escape":
        if (isOpen || this.input.value) {
          event.preventDefault();
          if (isOpen) this.close();
          else this.input.value = "";
        }
        break;
      case "Tab":
        this.close();
        break;
      default:
    }
  }

  // --- the map ---------------------------------------------------------------------------

  buildMap() {
    const svg = this.root.querySelector("[data-area-map] svg");
    if (!svg) return;
    const caption = this.root.querySelector("[data-area-map] .heard-area-map__caption");
    caption.textContent = "Map of the wards: choose a ward to add it, or choose it again to remove it.";
    const keys = element(
      "p",
      { class: "govuk-body-s heard-area-map__caption", id: `${this.id}-map-keys` },
      "With a keyboard: Tab to the map, move between wards with the arrow keys and press Space.",
    );
    caption.after(keys);
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-describedby", keys.id);
    svg.setAttribute("tabindex", "-1"); // the wards are the Tab stop, not the picture
    this.wards = [...svg.querySelectorAll("[data-area]")];
    const first = this.wards.find((ward) => this.chosen.has(ward.dataset.area)) || this.wards[0];
    for (const ward of this.wards) {
      ward.setAttribute("role", "checkbox");
      ward.setAttribute("tabindex", ward === first ? "0" : "-1");
    }
    // The focused ward's outline, drawn again last so that no neighbour covers it.
    this.focusRing = document.createElementNS("http://www.w3.org/2000/svg", "path");
    this.focusRing.setAttribute("class", "heard-area-map__focus");
    this.focusRing.setAttribute("aria-hidden", "true");
    svg.append(this.focusRing);
    svg.addEventListener("click", (event) => {
      const ward = event.target.closest("[data-area]");
      if (ward) {
        this.moveTo(ward);
        this.toggleWard(ward);
      }
    });
    svg.addEventListener("keydown", (event) => this.onMapKey(event));
    svg.addEventListener("focusin", (event) => {
      const ward = event.target.closest("[data-area]");
      if (ward) this.focusRing.setAttribute("d", ward.getAttribute("d"));
    });
    svg.addEventListener("focusout", () => this.focusRing.removeAttribute("d"));
  }

  toggleWard(ward) {
    const id = ward.dataset.area;
    if (this.chosen.has(id)) this.remove(id, { refocus: false });
    else this.add(id, ward.dataset.name);
  }

  moveTo(ward) {
    for (const other of this.wards) other.setAttribute("tabindex", other === ward ? "0" : "-1");
    ward.focus();
  }

  nearest(from, dx, dy) {
    const x = Number(from.dataset.x);
    const y = Number(from.dataset.y);
    let best = null;
    let bestScore = Infinity;
    for (const ward of this.wards) {
      const vx = Number(ward.dataset.x) - x;
      const vy = Number(ward.dataset.y) - y;
      const along = vx * dx + vy * dy;
      if (ward === from || along <= 0) continue;
      const score = along + 2 * Math.abs(vx * dy - vy * dx);
      if (score < bestScore) [best, bestScore] = [ward, score];
    }
    return best;
  }

  onMapKey(event) {
    const ward = event.target.closest("[data-area]");
    if (!ward) return;
    const moves = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    let next = null;
    if (moves[event.key]) next = this.nearest(ward, ...moves[event.key]);
    else if (event.key === "Home") next = this.wards[0];
    else if (event.key === "End") next = this.wards[this.wards.length - 1];
    else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      this.toggleWard(ward);
      return;
    } else return;
    event.preventDefault();
    if (next) this.moveTo(next);
  }
}
