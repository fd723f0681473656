package org.openucwa.people;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default photo: a square PNG of {@value #SIZE} pixels in a colour picked from the user's URI,
 * with their initials in white. Drawn with java.awt in headless mode, which this class forces
 * before any AWT class initializes, so it works on a server without a display; on a host without
 * fonts the tile is drawn without initials rather than failing.
 *
 * <p>Stateless and thread-safe.
 */
final class InitialsImage {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** Twice the reference's default HR48X48, so the tile stays sharp on high-density screens. */
  static final int SIZE = 96;

  private static final Logger LOG = LoggerFactory.getLogger(InitialsImage.class);
  private static final int[] PALETTE = {
    0x0078D4, 0x107C10, 0x5C2D91, 0xD83B01, 0x008272, 0xA4262C, 0x004E8C, 0x8764B8
  };

  private InitialsImage() {}

  static byte[] png(String name, String key) {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(PALETTE[Math.floorMod(key.hashCode(), PALETTE.length)]));
      g.fillRect(0, 0, SIZE, SIZE);
      drawCentred(g, initials(name));
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The first letter of the first and of the last word, upper-cased: "Alice Smith" is "AS". */
  static String initials(String name) {
    String[] words =
        Arrays.stream(name.strip().split("\\s+")).filter(w -> !w.isEmpty()).toArray(String[]::new);
    if (words.length == 0) {
      return "";
    }
    StringBuilder out = new StringBuilder().appendCodePoint(words[0].codePointAt(0));
    if (words.length > 1) {
      out.appendCodePoint(words[words.length - 1].codePointAt(0));
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  private static void drawCentred(Graphics2D g, String text) {
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, SIZE * 2 / 5));
      FontMetrics metrics = g.getFontMetrics();
      int x = (SIZE - metrics.stringWidth(text)) / 2;
      int y = (SIZE - metrics.getHeight()) / 2 + metrics.getAscent();
      g.setColor(Color.WHITE);
      g.drawString(text, x, y);
    } catch (RuntimeException | InternalError | LinkageError e) {
      LOG.warn("No font to draw initials with; default photos are plain tiles: {}", e.toString());
    }
  }
}
