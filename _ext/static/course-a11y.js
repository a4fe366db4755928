// Accessibility fixes for markup the course does not write: the theme's buttons, the
// ipywidgets sliders and jupyterquiz's inputs. Font Awesome, the widget manager and the
// quiz all draw after load, so the fixes run again whenever the page's elements change.
(() => {
  const fix = () => {
    // The search buttons show "Search Ctrl+K" but are named "Search" (axe
    // label-content-name-mismatch): let their visible text be their name.
    document.querySelectorAll(".search-button-field[aria-label]")
      .forEach((button) => button.removeAttribute("aria-label"));
    // The colour-mode button is named "Color mode", but axe reads its icons' <title>s
    // (Light, Dark, System Settings) as visible text that the name leaves out: make the
    // icons plain decoration.
    document.querySelectorAll(".theme-switch-button svg title").forEach((title) => {
      const icon = title.parentElement;
      icon.removeAttribute("aria-labelledby");
      icon.setAttribute("aria-hidden", "true");
      title.remove();
    });
    // Slider handles get no name from ipywidgets: use the widget's description.
    document.querySelectorAll(".widget-slider").forEach((slider) => {
      const name = slider.querySelector(".widget-label")?.textContent.trim() || "Value";
      const handles = slider.querySelectorAll(".noUi-handle:not([aria-label])");
      handles.forEach((handle, i) => handle.setAttribute("aria-label",
        handles.length === 2 ? `${name}, ${i ? "to" : "from"}` : name));
    });
    // jupyterquiz's numeric answer has a <label> that is not tied to its input.
    document.querySelectorAll(".Quiz .Answer").forEach((answer) => {
      const input = answer.querySelector("input.Input-text[id]");
      const label = answer.querySelector("label.InpLabel");
      if (input && label && !label.htmlFor) label.htmlFor = input.id;
    });
  };
  let queued = false;
  new MutationObserver(() => {  // attribute changes are not observed, so fix() cannot loop
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; fix(); }); }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", fix);
})();
