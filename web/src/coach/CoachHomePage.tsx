export default function CoachHomePage() {
  return (
    <section class="page">
      <h1>Coach home</h1>
    </section>
  );
}
