// Faces for the Friends and Family Test answers, drawn inline (bundled, nothing fetched).
// They are decoration beside the words: hidden from screen readers, and told apart by
// the shape of the mouth, never by colour alone.

const mouths: Record<number, string> = {
  5: 'M14 28 Q24 40 34 28', // wide smile
  4: 'M16 30 Q24 36 32 30', // smile
  3: 'M16 32 L32 32', // straight
  2: 'M16 34 Q24 28 32 34', // frown
  1: 'M14 36 Q24 24 34 36', // deep frown
};

const tints: Record<number, string> = {
  5: '#cce8d7',
  4: '#e2f0d9',
  3: '#f0f4f5',
  2: '#fbe3d6',
  1: '#f6d0d0',
  0: '#f0f4f5',
};

export function RatingFace({ rating }: { rating: number }) {
  return (
    <svg className="kiosk-face" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill={tints[rating] ?? '#ffffff'} stroke="currentColor" strokeWidth="2.5" />
      {rating === 0 ? (
        <>
          <path d="M18 18 Q18 11 24 11 Q30 11 30 17 Q30 21 24 23 L24 28" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
          <circle cx="24" cy="35" r="2.2" fill="currentColor" />
        </>
      ) : (
        <>
          <circle cx="17" cy="19" r="2.6" fill="currentColor" />
          <circle cx="31" cy="19" r="2.6" fill="currentColor" />
          <path d={mouths[rating]} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}
