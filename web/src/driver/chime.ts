/**
 * A short two-tone chime made in the browser (Web Audio): no sound file to load. Browsers let a page
 * play sound only after a tap, so the first tap on the tablet opens the audio context.
 */
let audio: AudioContext | undefined;

export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  } catch {
    // No Web Audio: the change is still shown and announced.
  }
}

export function chime(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [i, frequency] of [660, 880].entries()) {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    const from = start + i * 0.22;
    volume.gain.setValueAtTime(0.0001, from);
    volume.gain.exponentialRampToValueAtTime(0.3, from + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, from + 0.2);
    tone.connect(volume).connect(audio.destination);
    tone.start(from);
    tone.stop(from + 0.21);
  }
}
