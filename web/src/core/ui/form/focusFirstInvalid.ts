/**
 * After a submission the form refused, puts the keyboard (and a screen reader) on the first field marked
 * invalid, once React has rendered the messages.
 */
export function focusFirstInvalid(form: HTMLFormElement): void {
  window.setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
