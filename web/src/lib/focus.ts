/**
 * Moves the focus to the page's main heading, so screen readers start reading the new step — unless
 * the user has already put the focus somewhere on the new page (a quick typist is not interrupted).
 */
export function focusHeading(): void {
  const before = document.activeElement;
  requestAnimationFrame(() => {
    const heading = document.querySelector<HTMLElement>('main h1');
    const now = document.activeElement;
    if (!heading || (now !== before && now !== document.body && now !== null)) return;
    heading.tabIndex = -1;
    heading.focus();
  });
}
