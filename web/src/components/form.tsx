import type { ComponentChildren } from 'preact';
import { ErrorSummary } from './error-summary';
import type { FormErrors } from '../lib/problems';

/** A form as every page has it: the error summary first, then the fields; never the browser's own checks. */
export function Form(props: { errors: FormErrors; onSubmit: () => void; busy?: boolean; children: ComponentChildren; label?: string }) {
  return (
    <>
      <ErrorSummary errors={props.errors.summary} />
      <form
        noValidate
        aria-label={props.label}
        aria-busy={props.busy ? 'true' : undefined}
        onSubmit={(event) => {
          event.preventDefault();
          if (!props.busy) props.onSubmit();
        }}
      >
        {props.children}
      </form>
    </>
  );
}
