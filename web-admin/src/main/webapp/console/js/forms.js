// Forms: reading their values, and showing an API error where the administrator is looking — the message, the field
// it names marked invalid and focused.

import {ApiError} from './http.js';
import {h, uid} from './dom.js';

/** An error area for a form or a page; screen readers announce what appears in it. */
export function errorArea() {
  return h('div', {class: 'error', id: uid('error'), role: 'alert', hidden: true});
}

export function clearError(form) {
  const area = form.querySelector('.error');
  if (area) {
    area.hidden = true;
    area.replaceChildren();
  }
  form.querySelectorAll('[aria-invalid]').forEach(control => control.removeAttribute('aria-invalid'));
}

/** Shows an error in the form's (or page's) error area; marks and focuses the field it names. */
export function showError(container, error) {
  const area = container.querySelector('.error');
  const text = error instanceof ApiError ? error.describe() : String(error && error.message || error);
  const status = error instanceof ApiError && error.status ? ` [${error.status} ${error.code}]` : '';
  area.replaceChildren(h('strong', null, 'Error: '), text, h('span', {class: 'code'}, status));
  area.hidden = false;
  const control = error && error.field ? container.querySelector(`[name="${CSS.escape(error.field)}"]`) : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-errormessage', area.id);
    control.focus();
  } else {
    area.setAttribute('tabindex', '-1');
    area.focus();
  }
}

/** The form's named controls as an object; checkboxes as booleans, empty text as absent. */
export function values(form) {
  const result = {};
  for (const control of form.elements) {
    if (!control.name) continue;
    if (control.type === 'checkbox') result[control.name] = control.checked;
    else if (control.value.trim() !== '') result[control.name] = control.value.trim();
  }
  return result;
}

/** A whole number from a form value, or undefined when empty; a non-number is an error naming the field. */
export function integer(value, fieldName) {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new ApiError(0, 'invalid_number', `${fieldName} must be a whole number`, fieldName);
  return Number(value);
}

/**
 * Handles a form's submission: clears the old error, disables the submit button while the action runs, and shows
 * the action's error, if any. The action gets the form's values.
 */
export function onSubmit(form, action) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearError(form);
    const buttons = form.querySelectorAll('button[type="submit"]');
    buttons.forEach(button => { button.disabled = true; });
    try {
      await action(values(form));
    } catch (error) {
      showError(form, error);
    } finally {
      buttons.forEach(button => { button.disabled = false; });
    }
  });
  return form;
}

/** A form with a heading-less legend, fields, an error area and a submit button. */
export function form(legend, fields, submitText, extraButtons) {
  return h('form', {class: 'panel-form', novalidate: true},
    h('fieldset', null, h('legend', null, legend), h('div', {class: 'fields'}, fields)),
    errorArea(),
    h('div', {class: 'buttons'}, h('button', {type: 'submit'}, submitText), extraButtons || []));
}
