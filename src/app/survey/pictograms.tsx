import type { JSX } from 'preact';

/**
 * The survey's answer pictures: faces from unhappy to happy, and thumbs. Drawn for
 * Inloop; decorative, since the word under each says the same (and is read aloud).
 */
function mouth(mood: number): JSX.Element {
  // mood 1 (very unhappy) … 5 (very happy): the mouth's curve goes from down to up.
  const bend = (mood - 3) * 2.2;
  return <path d={`M8 ${15.5 - bend / 2} Q12 ${15.5 + bend} 16 ${15.5 - bend / 2}`} />;
}

function Face({ mood }: { mood: number }) {
  return (
    <>
      <circle cx="12" cy="12" r="9.5" />
      <circle cx="9" cy="9.5" r="0.9" fill="currentColor" />
      <circle cx="15" cy="9.5" r="0.9" fill="currentColor" />
      {mood === 3 ? <path d="M8.5 15.5h7" /> : mouth(mood)}
    </>
  );
}

const THUMB = 'M7 11v9H4v-9zM7 11l4-7a2 2 0 0 1 3 2l-1 4h5a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 16.8 20H7';

function Thumb({ direction }: { direction: 'up' | 'down' | 'side' }) {
  const turn = direction === 'up' ? 0 : direction === 'down' ? 180 : 90;
  return <path d={THUMB} transform={`rotate(${turn} 12 12)`} />;
}

/** The picture of one answer: faces for faces3/faces5, thumbs for thumbs3. */
export function AnswerPicture({ scale, choice, size = 72 }: { scale: 'faces3' | 'thumbs3' | 'faces5'; choice: string; size?: number }) {
  const mood = scale === 'faces5' ? Number(choice) : choice === 'no' ? 1 : choice === 'partly' ? 3 : 5;
  return (
    <svg
      class={`survey-picture mood-${mood}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {scale === 'thumbs3' ? <Thumb direction={choice === 'no' ? 'down' : choice === 'partly' ? 'side' : 'up'} /> : <Face mood={mood} />}
    </svg>
  );
}
