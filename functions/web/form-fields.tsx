import type { ComponentChildren } from 'preact';
import type { FieldError } from '../domain/errors.ts';
import type { Lang } from './field-errors.ts';

/**
 * Accessible form building blocks in the Danish design system: every field has a label, an
 * optional hint, an inline error linked with aria-describedby, and keeps the submitted value.
 */

export type FormValues = Record<string, string | string[] | undefined>;

export const fieldId = (name: string) => `field-${name}`;

const one = (values: FormValues, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value[0] : value;
};

const many = (values: FormValues, name: string) => {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};

interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly errors: readonly FieldError[];
  readonly values: FormValues;
  readonly optional?: string;
}

const errorOf = (errors: readonly FieldError[], name: string) =>
  errors.find((e) => e.field === name)?.message;

const describedBy = (name: string, hint?: string, error?: string) =>
  [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ') ||
  undefined;

const Hint = ({ name, hint }: { name: string; hint?: string }) =>
  hint ? (
    <span class="form-hint" id={`${fieldId(name)}-hint`}>
      {hint}
    </span>
  ) : null;

export const ErrorText = ({ name, error }: { name: string; error?: string }) =>
  error ? (
    <span class="form-error-message" id={`${fieldId(name)}-error`}>
      <span class="sr-only">Fejl: </span>
      {error}
    </span>
  ) : null;

const LabelText = ({ label, optional }: { label: string; optional?: string }) => (
  <>
    {label}
    {optional ? <span class="weight-normal"> ({optional})</span> : null}
  </>
);

/** The frame of a single-control field: label, hint and inline error above the control. */
const FieldFrame = (props: FieldProps & { error?: string; children: ComponentChildren }) => (
  <div class={`form-group${props.error ? ' form-error' : ''}`}>
    <label class="form-label" for={fieldId(props.name)}>
      <LabelText label={props.label} optional={props.optional} />
    </label>
    <Hint name={props.name} hint={props.hint} />
    <ErrorText name={props.name} error={props.error} />
    {props.children}
  </div>
);

export const TextField = (
  props: FieldProps & {
    type?: 'text' | 'email' | 'tel' | 'number' | 'password' | 'date';
    autocomplete?: string;
    inputmode?: string;
    maxLength?: number;
    min?: number;
    max?: number;
    required?: boolean;
  },
) => {
  const error = errorOf(props.errors, props.name);
  // Preact types each input type separately; these attributes are valid for all the types used here.
  const inputAttributes = {
    class: 'form-input',
    id: fieldId(props.name),
    name: props.name,
    type: props.type ?? 'text',
    value: one(props.values, props.name) ?? '',
    autocomplete: props.autocomplete,
    inputMode: props.inputmode,
    maxLength: props.maxLength,
    min: props.min,
    max: props.max,
    required: props.required,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': describedBy(props.name, props.hint, error),
  };
  return (
    <FieldFrame {...props} error={error}>
      <input {...(inputAttributes as object)} />
    </FieldFrame>
  );
};

export const SelectField = (
  props: FieldProps & {
    options: readonly { value: string; label: string }[];
    placeholder: string;
    required?: boolean;
  },
) => {
  const error = errorOf(props.errors, props.name);
  const selected = one(props.values, props.name) ?? '';
  return (
    <FieldFrame {...props} error={error}>
      <select
        class="form-select"
        id={fieldId(props.name)}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.hint, error)}
      >
        <option value="">{props.placeholder}</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
};

/** Radio buttons or checkboxes in a fieldset; the first option carries the field's id for the error summary link. */
export const ChoiceField = (
  props: FieldProps & {
    type: 'radio' | 'checkbox';
    options: readonly { value: string; label: string }[];
    children?: ComponentChildren;
  },
) => {
  const error = errorOf(props.errors, props.name);
  const chosen = many(props.values, props.name);
  return (
    <div class={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(props.name, props.hint, error)}>
        <legend class="form-label">
          <LabelText label={props.label} optional={props.optional} />
        </legend>
        <Hint name={props.name} hint={props.hint} />
        <ErrorText name={props.name} error={error} />
        <ul class="nobullet-list">
          {props.options.map((option, index) => {
            const id = index === 0 ? fieldId(props.name) : `${fieldId(props.name)}-${option.value}`;
            return (
              <li key={option.value}>
                <div class={props.type === 'radio' ? 'form-group-radio' : 'form-group-checkbox'}>
                  <input
                    type={props.type}
                    id={id}
                    name={props.name}
                    value={option.value}
                    checked={chosen.includes(option.value)}
                    class={props.type === 'radio' ? 'form-radio' : 'form-checkbox'}
                  />
                  <label class="form-label" for={id}>
                    {option.label}
                  </label>
                </div>
              </li>
            );
          })}
        </ul>
        {props.children}
      </fieldset>
    </div>
  );
};

/** The error summary at the top: focusable, announced, each message linking to its field. */
export const ErrorSummary = ({ errors, lang }: { errors: readonly FieldError[]; lang: Lang }) =>
  errors.length > 0 ? (
    <div
      class="alert alert-error"
      role="alert"
      aria-labelledby="error-summary-heading"
      tabIndex={-1}
      id="error-summary"
    >
      <div class="alert-body">
        <h2 class="alert-heading" id="error-summary-heading">
          {lang === 'da' ? 'Der er fejl i formularen' : 'There are errors in the form'}
        </h2>
        <ul class="alert-text nobullet-list">
          {errors.map((error) => (
            <li key={error.field}>
              <a href={`#${fieldId(error.field)}`}>{error.message}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  ) : null;
