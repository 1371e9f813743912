import type { ComponentChildren } from 'preact';

export interface Choice {
  id: string;
  label: string;
}

/**
 * A labelled group of large single-choice buttons. Buttons (not radios) because
 * one tap must do it on a tablet; aria-pressed tells screen readers which is chosen.
 */
export function ChoiceGroup(props: {
  legend: string;
  choices: Choice[];
  value: string | undefined;
  onChange: (id: string) => void;
  columns?: number;
  children?: ComponentChildren;
}) {
  return (
    <fieldset class="choice-group">
      <legend>{props.legend}</legend>
      <div class="choices" style={props.columns ? { gridTemplateColumns: `repeat(${props.columns}, minmax(0, 1fr))` } : undefined}>
        {props.choices.map((c) => (
          <button type="button" key={c.id} class="choice" aria-pressed={props.value === c.id} onClick={() => props.onChange(c.id)}>
            {c.label}
          </button>
        ))}
      </div>
      {props.children}
    </fieldset>
  );
}
