import { useEffect, useRef } from 'preact/hooks';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../shared/volunteer-pins';
import { useT } from '../i18n/i18n';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * A PIN entry with large keys for the touch screen and a password field for a
 * keyboard. The field asks the tablet for no on-screen keyboard (the pad is one),
 * so the pad is not covered.
 */
export function PinPad(props: {
  id: string;
  label: string;
  value: string;
  onChange: (pin: string) => void;
  onSubmit: () => void;
  disabled?: boolean;
  busy?: boolean;
  describedBy?: string;
}) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!props.disabled) input.current?.focus({ preventScroll: true });
  }, [props.disabled]);
  const press = (digit: string) => {
    if (props.value.length < PIN_MAX_LENGTH) props.onChange(props.value + digit);
    input.current?.focus({ preventScroll: true });
  };
  return (
    <form
      class="pin-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!props.disabled && props.value.length >= PIN_MIN_LENGTH) props.onSubmit();
      }}
    >
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        ref={input}
        type="password"
        inputMode="none"
        autocomplete="off"
        pattern="[0-9]*"
        maxLength={PIN_MAX_LENGTH}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={[`${props.id}-hint`, props.describedBy ?? ''].filter(Boolean).join(' ')}
        class="pin-input"
        onInput={(e) => {
          const el = e.target as HTMLInputElement;
          const digits = el.value.replace(/\D/g, '').slice(0, PIN_MAX_LENGTH);
          if (digits !== el.value) el.value = digits;
          props.onChange(digits);
        }}
      />
      <p id={`${props.id}-hint`} class="hint">
        {t('volunteers.pinHint')}
      </p>
      <div class="pin-pad" role="group" aria-label={t('volunteers.pinPad')}>
        {KEYS.map((d) => (
          <button
            type="button"
            key={d}
            class="pin-key"
            aria-label={t('volunteers.digit', { digit: d })}
            disabled={props.disabled}
            onClick={() => press(d)}
          >
            {d}
          </button>
        ))}
        <button
          type="button"
          class="pin-key pin-clear"
          aria-label={t('volunteers.clear')}
          disabled={props.disabled || !props.value}
          onClick={() => props.onChange('')}
        >
          C
        </button>
        <button
          type="button"
          class="pin-key"
          aria-label={t('volunteers.digit', { digit: '0' })}
          disabled={props.disabled}
          onClick={() => press('0')}
        >
          0
        </button>
        <button
          type="button"
          class="pin-key pin-back"
          aria-label={t('volunteers.backspace')}
          disabled={props.disabled || !props.value}
          onClick={() => props.onChange(props.value.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
      <button type="submit" class="primary pin-submit" disabled={props.disabled || props.value.length < PIN_MIN_LENGTH}>
        {props.busy ? t('volunteers.checking') : t('volunteers.submit')}
      </button>
    </form>
  );
}
