// The report's Print button: shown only where a script can print (without one, the browser's
// own Print prints the same page).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
