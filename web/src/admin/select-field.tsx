/** KERN's select with its label and the error next to it (for the few choices that are lists, e.g. a depot stop). */
export function SelectField(props: { id: string; label: string; value: string; options: Array<{ value: string; label: string }>; error?: string; onChange: (value: string) => void }) {
  return (
    <div class={`kern-form-input${props.error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={props.id}>{props.label}</label>
      {props.error && (
        <p class="kern-error" id={`${props.id}-error`}>
          <span class="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span class="kern-body">{props.error}</span>
        </p>
      )}
      <div class="kern-form-input__select-wrapper">
        <select class={`kern-form-input__select${props.error ? ' kern-form-input__select--error' : ''}`} id={props.id} name={props.id} value={props.value}
          aria-describedby={props.error ? `${props.id}-error` : undefined} aria-invalid={props.error ? 'true' : undefined}
          onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
          {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      </div>
    </div>
  );
}
