/** The server's answer to a change, as a success message the screen reader reads out. */
export function SavedNote(props: { text: string | null }) {
  if (!props.text) return <div role="status" />;
  return (
    <div role="status">
      <div class="kern-alert kern-alert--success">
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--success" aria-hidden="true" />
          <p class="kern-title">{props.text}</p>
        </div>
      </div>
    </div>
  );
}
