export default function GoalsPage() {
  return (
    <section class="page">
      <h1>Goals</h1>
    </section>
  );
}
