import type { ComponentChildren } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

const describedBy = (props: FieldProps) => [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A field's hint and error, with the ids its input's aria-describedby names. */
export function FieldMessages(props: Pick<FieldProps, 'id' | 'hint' | 'error'>) {
  return (
    <>
      {props.hint && <div class="kern-hint" id={`${props.id}-hint`}>{props.hint}</div>}
      {props.error && (
        <p class="kern-error" id={`${props.id}-error`}>
          <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span class="kern-body">{props.error}</span>
        </p>
      )}
    </>
  );
}

/** KERN's text input with label, hint and the error next to it. */
export function TextField(
  props: FieldProps & {
    value: string;
    onInput: (value: string) => void;
    type?: 'text' | 'tel' | 'password' | 'date' | 'time' | 'number';
    autocomplete?: string;
    inputMode?: 'numeric' | 'tel' | 'text';
    width?: 'short';
    min?: string;
    max?: string;
  },
) {
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={props.id}>{props.label}</label>
      <FieldMessages {...props} />
      <input
        class={`kern-form-input__input${props.error ? ' kern-form-input__input--error' : ''}${props.width === 'short' ? ' field--short' : ''}`}
        id={props.id}
        name={props.id}
        // preact's types split inputs by type; each type here takes the same attributes.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        autocomplete={props.autocomplete}
        inputMode={props.inputMode}
        min={props.min}
        max={props.max}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}

export function TextArea(props: FieldProps & { value: string; onInput: (value: string) => void; maxLength?: number }) {
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={props.id}>{props.label}</label>
      <FieldMessages {...props} />
      <textarea
        class={`kern-form-input__input textarea${props.error ? ' kern-form-input__input--error' : ''}`}
        id={props.id}
        name={props.id}
        rows={3}
        maxLength={props.maxLength}
        value={props.value}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </div>
  );
}

/** A group of radio buttons (KERN fieldset); the first one carries the id the error summary links to. */
export function Radios<T extends string>(
  props: FieldProps & { value: T; options: Array<{ value: T; label: string }>; onChange: (value: T) => void },
) {
  return (
    <fieldset class={`kern-fieldset${props.error ? ' kern-fieldset--error' : ''}`} aria-describedby={describedBy(props)}>
      <legend class="kern-label">{props.label}</legend>
      <FieldMessages {...props} />
      <div class="kern-fieldset__body">
        {props.options.map((option, i) => (
          <div class="kern-form-check" key={option.value}>
            <input
              class="kern-form-check__radio"
              type="radio"
              id={i === 0 ? props.id : `${props.id}-${option.value}`}
              name={props.id}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
            />
            <label class="kern-label" for={i === 0 ? props.id : `${props.id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox(props: FieldProps & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div class="kern-form-check">
      <input
        class="kern-form-check__checkbox"
        type="checkbox"
        id={props.id}
        name={props.id}
        checked={props.checked}
        aria-describedby={describedBy(props)}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label class="kern-label" for={props.id}>{props.label}</label>
      <FieldMessages {...props} />
    </div>
  );
}

export function Button(props: { kind?: 'primary' | 'secondary' | 'tertiary'; type?: 'submit' | 'button'; onClick?: () => void; disabled?: boolean; 'aria-expanded'?: boolean; children: ComponentChildren }) {
  return (
    <button type={props.type ?? 'button'} class={`kern-btn kern-btn--${props.kind ?? 'primary'}`} onClick={props.onClick} disabled={props.disabled} aria-expanded={props['aria-expanded']}>
      <span class="kern-label">{props.children}</span>
    </button>
  );
}
