/** Reads text aloud with the browser's own speech synthesis (works offline on Chromebooks and Quest). */
export function narrate(text: string, enabled: boolean): void {
  if (!enabled || typeof speechSynthesis === 'undefined' || !text) return
  speechSynthesis.cancel()
  speechSynthesis.speak(new SpeechSynthesisUtterance(text))
}
