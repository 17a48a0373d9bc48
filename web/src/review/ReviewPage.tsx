export default function ReviewPage() {
  return (
    <section class="page">
      <h1>Review</h1>
    </section>
  );
}
