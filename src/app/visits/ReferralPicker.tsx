import { useEffect, useRef, useState } from 'preact/hooks';
import { ORGANISATIONS, REFERRAL_MODES, termLabel, type OrganisationId, type ReferralModeId } from '../../shared/taxonomy';
import type { Referral } from '../../shared/visit';
import { newReferralCode } from '../../shared/referral-code';
import { pickText } from '../../shared/languages';
import { hasPersonalData } from '../../shared/privacy';
import { CatalogueBrowser } from '../catalogue/CatalogueBrowser';
import { formatDateTime } from '../i18n/format';
import { useT } from '../i18n/i18n';
import { ChoiceGroup } from '../shell/ChoiceGroup';

type TargetKind = Referral['target']['kind'];
type Translate = ReturnType<typeof useT>['t'];

/** How a referral reads in lists: where to, warm or logged, and the follow-up when set. */
export function referralText(r: Referral, t: Translate, lang: string): string {
  const where =
    r.target.kind === 'partner'
      ? termLabel(ORGANISATIONS, r.target.organisation, lang)
      : r.target.kind === 'catalogue'
        ? r.target.label
        : r.target.text;
  const mode = termLabel(REFERRAL_MODES, r.mode, lang);
  const follow = r.followUpAt ? ` · ${t('desk.referral.followUpOn', { when: formatDateTime(r.followUpAt, lang) })}` : '';
  return `${where} (${mode})${follow}`;
}

/** A local date-time input value (YYYY-MM-DDTHH:MM) as an ISO instant. */
function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/**
 * Picks where a visitor was referred: a partner organisation, an item from the
 * catalogue, or free text; warm (contact made) or logged (information given); and
 * optionally a follow-up appointment. A modal dialog, keyboard and screen-reader usable.
 */
export function ReferralPicker({ onAdd, onClose }: { onAdd: (referral: Referral) => void; onClose: () => void }) {
  const { t, lang } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<TargetKind>('partner');
  const [organisation, setOrganisation] = useState<OrganisationId | undefined>();
  const [item, setItem] = useState<{ itemId: string; label: string } | undefined>();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<ReferralModeId>('logged');
  const [followUp, setFollowUp] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) {
      if (typeof el.showModal === 'function') el.showModal();
      else el.setAttribute('open', '');
    }
  }, []);

  const add = () => {
    const target: Referral['target'] | undefined =
      kind === 'partner'
        ? organisation && { kind, organisation }
        : kind === 'catalogue'
          ? item && { kind, itemId: item.itemId, label: item.label.slice(0, 200) }
          : text.trim()
            ? { kind, text: text.trim().slice(0, 200) }
            : undefined;
    if (!target) {
      setProblem(t(`desk.referral.missing.${kind}`));
      return;
    }
    if (target.kind === 'text' && hasPersonalData(target.text)) {
      setProblem(t('desk.referral.personalData'));
      return;
    }
    const followUpAt = fromLocalInput(followUp);
    // The code for the visitor's card, made here so the card can be printed offline.
    const code = newReferralCode();
    onAdd(followUpAt ? { target, mode, followUpAt, code } : { target, mode, code });
  };

  return (
    <dialog
      ref={dialog}
      class="referral-picker"
      aria-labelledby="referral-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="referral-title">{t('desk.referral.title')}</h2>
      <ChoiceGroup
        legend={t('desk.referral.kind')}
        choices={(['partner', 'catalogue', 'text'] as const).map((k) => ({ id: k, label: t(`desk.referral.kinds.${k}`) }))}
        value={kind}
        onChange={(id) => {
          setKind(id as TargetKind);
          setProblem(undefined);
        }}
      />
      {kind === 'partner' ? (
        <ChoiceGroup
          legend={t('desk.referral.partner')}
          choices={ORGANISATIONS.map((o) => ({ id: o.id, label: termLabel(ORGANISATIONS, o.id, lang) }))}
          value={organisation}
          onChange={(id) => setOrganisation(id as OrganisationId)}
        />
      ) : null}
      {kind === 'catalogue' ? <CataloguePick picked={item} onPick={setItem} /> : null}
      {kind === 'text' ? (
        <>
          <label for="referral-text">{t('desk.referral.text')}</label>
          <input
            id="referral-text"
            type="text"
            maxLength={200}
            value={text}
            aria-describedby="referral-text-hint"
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
          <p id="referral-text-hint" class="hint">
            {t('visit.noteHint')}
          </p>
        </>
      ) : null}
      <ChoiceGroup
        legend={t('desk.referral.mode')}
        choices={REFERRAL_MODES.map((m) => ({ id: m.id, label: termLabel(REFERRAL_MODES, m.id, lang) }))}
        value={mode}
        onChange={(id) => setMode(id as ReferralModeId)}
      />
      <label for="referral-follow-up">{t('desk.referral.followUp')}</label>
      <input
        id="referral-follow-up"
        type="datetime-local"
        value={followUp}
        onInput={(e) => setFollowUp((e.target as HTMLInputElement).value)}
      />
      <p class="hint">{t('desk.referral.followUpHint')}</p>
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="actions">
        <button type="button" class="primary" onClick={add}>
          {t('desk.referral.confirm')}
        </button>
        <button type="button" class="secondary" onClick={onClose}>
          {t('desk.referral.cancel')}
        </button>
      </div>
    </dialog>
  );
}

/** The catalogue part of the picker: the catalogue browser, with a pick button on each item. */
function CataloguePick({
  picked,
  onPick,
}: {
  picked: { itemId: string; label: string } | undefined;
  onPick: (item: { itemId: string; label: string }) => void;
}) {
  const { t, lang } = useT();
  return (
    <div class="catalogue-pick">
      {picked ? (
        <p class="picked" role="status">
          {t('desk.referral.picked', { label: picked.label })}
        </p>
      ) : null}
      <CatalogueBrowser
        pickLabel={t('desk.referral.pickThis')}
        onPick={(item) => onPick({ itemId: item.id, label: pickText(item.name, lang).text })}
      />
    </div>
  );
}
