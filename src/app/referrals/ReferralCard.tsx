import type { ComponentChildren } from 'preact';
import { BRING_PICTOGRAMS, type Bilingual, type CardModel } from '../../shared/referral-card/card';

function Bi({ text }: { text: Bilingual }) {
  return text.nl ? (
    <>
      <span>{text.text}</span>{' '}
      <span class="nl" lang="nl" dir="ltr">
        {text.nl}
      </span>
    </>
  ) : (
    <>{text.text}</>
  );
}

/** The card as the visitor gets it: the same model and markup as the public card page (server/referrals/card-page.ts). */
export function ReferralCard({
  model,
  children,
  cardRef,
}: {
  model: CardModel;
  children?: ComponentChildren;
  cardRef?: preact.Ref<HTMLElement>;
}) {
  return (
    <article class="referral-card" lang={model.lang} dir={model.dir} aria-labelledby="card-name" ref={cardRef} tabIndex={-1}>
      <p class="card-title">
        <Bi text={model.title} />
      </p>
      {model.from ? (
        <p class="card-from">
          <Bi text={model.from} />
        </p>
      ) : null}
      <h1 id="card-name" lang={model.name.lang}>
        {model.name.text}
      </h1>
      {model.sections.map((s) => (
        <section key={s.id} class={`card-${s.id}`} aria-labelledby={`card-${s.id}`}>
          <h2 id={`card-${s.id}`}>
            <Bi text={s.heading} />
          </h2>
          {s.lines.map((l, i) => (
            <p key={i} lang={l.lang}>
              {l.text}
            </p>
          ))}
          {s.links.map((l) => (
            <p key={l.href}>
              <a href={l.href} target="_blank" rel="noopener noreferrer">
                <Bi text={l.text} />
              </a>
            </p>
          ))}
          {s.bring.length ? (
            <ul class="bring">
              {s.bring.map((b) => (
                <li key={b.id}>
                  <svg
                    class="pictogram"
                    viewBox="0 0 24 24"
                    fill="none"
                    stroke="currentColor"
                    stroke-width="1.8"
                    stroke-linecap="round"
                    stroke-linejoin="round"
                    aria-hidden="true"
                    focusable="false"
                  >
                    {BRING_PICTOGRAMS[b.id].map((d) => (
                      <path key={d} d={d} />
                    ))}
                  </svg>
                  <span>
                    <Bi text={b.label} />
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      <div class="card-code">
        <p>
          <Bi text={model.codeLabel} />
        </p>
        <span class="code">{model.code}</span>
        <p>
          <Bi text={model.codeHint} />
        </p>
      </div>
      {children}
    </article>
  );
}
