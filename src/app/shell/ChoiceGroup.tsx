import type { ComponentChildren } from 'preact';
import { memoised } from './memo';

export interface Choice {
  id: string;
  label: string;
}

interface ChoiceGroupProps {
  legend: string;
  choices: Choice[];
  value: string | undefined;
  onChange: (id: string) => void;
  columns?: number;
  children?: ComponentChildren;
}

/** Choices given inline are equal when they hold the same ids and labels. */
function sameChoices(a: Choice[], b: Choice[]): boolean {
  return a === b || (a.length === b.length && a.every((c, i) => c.id === b[i]!.id && c.label === b[i]!.label));
}

function sameGroup(a: ChoiceGroupProps, b: ChoiceGroupProps): boolean {
  return (
    a.legend === b.legend &&
    a.value === b.value &&
    a.onChange === b.onChange &&
    a.columns === b.columns &&
    a.children === undefined &&
    b.children === undefined &&
    sameChoices(a.choices, b.choices)
  );
}

/**
 * A labelled group of large single-choice buttons. Buttons (not radios) because
 * one tap must do it on a tablet; aria-pressed tells screen readers which is chosen.
 * Memoised: a form re-renders all its groups at every tap, and on a cheap tablet the
 * groups whose choice and labels stayed the same are better left alone.
 */
export const ChoiceGroup = memoised(function ChoiceGroup(props: ChoiceGroupProps) {
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
}, sameGroup);
