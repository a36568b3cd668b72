package dev.presso.host.internal.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small grammar of children's stories: a hero and a friend go to a place and live through one of
 * a few plots, then the story ends. Names, pronouns, the place, an animal and an object are drawn
 * once per story and recur in later sentences, so the text has long-range structure (who is "she",
 * which object fell, where they went) as well as local word order. Every word is plain ASCII, and
 * no sentence contains quotes or apostrophes, so the word-level tokenizer round-trips it exactly.
 */
final class StoryGrammar {
    private static final List<String> GIRLS = List.of("Lily", "Mia", "Anna", "Zoe", "Lucy", "Emma", "Sara", "Ella",
            "Amy", "Rose");
    private static final List<String> BOYS = List.of("Tom", "Ben", "Max", "Sam", "Leo", "Jack", "Tim", "Finn", "Joe",
            "Dan");
    private static final List<String> TRAITS = List.of("kind", "brave", "happy", "curious", "shy", "clever");
    private static final List<String> ACTIVITIES = List.of("play outside", "sing songs", "draw pictures",
            "read books", "run and jump", "dance in the sun", "look at the stars", "help {his} mom");
    private static final List<String> WEATHER = List.of("sunny", "windy", "warm", "bright", "cold");
    private static final List<String> COLORS = List.of("red", "blue", "green", "yellow", "pink", "purple", "orange",
            "white");
    private static final List<String> OBJECTS = List.of("ball", "kite", "hat", "book", "doll", "boat", "drum",
            "toy car", "teddy bear", "shell");
    private static final List<String> SIZES = List.of("small", "big", "little", "fluffy", "old", "young");
    private static final List<String> COVERS = List.of("big rock", "green bush", "pile of leaves", "wooden bench");
    private static final List<Place> PLACES = List.of(new Place("park", "big slide"), new Place("forest", "old tree"),
            new Place("beach", "sand castle"), new Place("garden", "flower bed"), new Place("farm", "red barn"),
            new Place("river", "little bridge"), new Place("hill", "big tree"), new Place("lake", "wooden dock"),
            new Place("meadow", "tall grass"), new Place("playground", "swings"));
    private static final List<Animal> ANIMALS = List.of(new Animal("dog", "barked"), new Animal("cat", "purred"),
            new Animal("bird", "sang"), new Animal("frog", "croaked"), new Animal("duck", "quacked"),
            new Animal("bunny", "jumped up and down"), new Animal("mouse", "squeaked"), new Animal("owl", "hooted"),
            new Animal("puppy", "wagged its tail"), new Animal("kitten", "meowed"));

    private static final List<String> INTRODUCTIONS = List.of(
            "Once upon a time, there was a little {kind} named {H}.",
            "There was a {trait} {kind} named {H}.",
            "{H} was a little {kind} who lived near the {place}.");
    private static final List<String> HABITS = List.of(
            "{He} loved to {activity}.",
            "{He} had a {color} {object} that {he} loved very much.",
            "{He} liked to play with {his} best friend, {F}.");
    private static final List<String> OUTINGS = List.of(
            "One day, {H} and {F} went to the {place}.",
            "One {weather} day, {H} went to the {place} with {his} friend {F}.",
            "One morning, {H} asked {F} to come to the {place}.");
    private static final List<String> SCENES = List.of(
            "The sun was shining and the birds were singing.",
            "There were many flowers and trees there.",
            "It was a {weather} day, and the sky was blue.");
    private static final List<List<String>> PLOTS = List.of(
            List.of("At the {place}, they saw a {size} {animal}.",
                    "The {animal} looked very sad.",
                    "{H} asked the {animal} what was wrong.",
                    "The {animal} said that it had lost its {item}.",
                    "{H} and {F} looked for the {item} everywhere.",
                    "They looked near the {spot}.",
                    "At last, {F} found the {item} under a {cover}.",
                    "The {animal} was so happy that it {sound}.",
                    "It said thank you to {H} and {F}."),
            List.of("{H} played with {his} {color} {object} near the {spot}.",
                    "Suddenly, the {object} got stuck in a tall tree.",
                    "{H} was upset and started to cry.",
                    "{F} told {him} not to worry.",
                    "{F} found a long stick and pushed the {object}.",
                    "The {object} fell down, and {H} caught it.",
                    "{H} gave {F} a big hug and said thank you."),
            List.of("{H} and {F} wanted to see who could run faster.",
                    "They ran all the way to the {spot}.",
                    "{F} ran very fast, but {H} ran even faster.",
                    "{H} won the race, and {F} was a little sad.",
                    "{H} said that they could race again tomorrow.",
                    "{F} smiled, and they both laughed."),
            List.of("{H} brought {his} {color} {object} to the {place}.",
                    "{F} saw the {object} and wanted to play with it too.",
                    "At first, {H} did not want to share.",
                    "{F} was sad and sat down near the {spot}.",
                    "Then {H} gave the {object} to {F}.",
                    "They played with the {object} together all day.",
                    "{H} learned that sharing is fun."),
            List.of("Near the {spot}, they found a {size} {animal} that could not walk.",
                    "Its leg was hurt.",
                    "{F} said that they had to help it.",
                    "{H} put the {animal} in a soft box and carried it home.",
                    "Mom helped them take care of the {animal}.",
                    "After a few days, the {animal} could walk again.",
                    "The {animal} {sound} and went back to the {place}."));
    private static final List<String> ENDINGS = List.of(
            "When the sun went down, {H} and {F} went home.",
            "From that day on, {H} and {F} were best friends.",
            "It was the best day ever.",
            "That night, {H} went to bed with a big smile.");

    private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");
    /** The article before a word that starts with a vowel, such as "a orange" or "a old". */
    private static final Pattern ARTICLE = Pattern.compile("\\b([Aa]) (?=[aeiouAEIOU])");

    private record Place(String name, String spot) {}

    private record Animal(String kind, String sound) {}

    private StoryGrammar() {}

    /**
     * Draws one story: ten to fourteen sentences on one line.
     *
     * @param random the source of every choice, advanced by this call
     * @return the story, without a trailing newline
     */
    static String story(Random random) {
        Map<String, String> slots = cast(random);
        List<String> sentences = new ArrayList<>();
        sentences.add(pick(random, INTRODUCTIONS));
        sentences.add(pick(random, HABITS));
        sentences.add(pick(random, OUTINGS));
        if (random.nextBoolean()) {
            sentences.add(pick(random, SCENES));
        }
        sentences.addAll(pick(random, PLOTS));
        sentences.add(pick(random, ENDINGS));
        StringBuilder text = new StringBuilder();
        for (String sentence : sentences) {
            text.append(text.isEmpty() ? "" : " ").append(fill(sentence, slots));
        }
        return ARTICLE.matcher(text).replaceAll("$1n ");
    }

    /** Draws the people, the place, the animal and the objects of one story. */
    private static Map<String, String> cast(Random random) {
        boolean girl = random.nextBoolean();
        String hero = pick(random, girl ? GIRLS : BOYS);
        String friend = hero;
        while (friend.equals(hero)) {
            friend = pick(random, random.nextBoolean() ? GIRLS : BOYS);
        }
        Place place = pick(random, PLACES);
        Animal animal = pick(random, ANIMALS);
        String object = pick(random, OBJECTS);
        String item = object;
        while (item.equals(object)) {
            item = pick(random, OBJECTS);
        }
        Map<String, String> slots = new HashMap<>();
        slots.put("H", hero);
        slots.put("F", friend);
        slots.put("kind", girl ? "girl" : "boy");
        slots.put("He", girl ? "She" : "He");
        slots.put("he", girl ? "she" : "he");
        slots.put("his", girl ? "her" : "his");
        slots.put("him", girl ? "her" : "him");
        slots.put("trait", pick(random, TRAITS));
        slots.put("activity", pick(random, ACTIVITIES));
        slots.put("weather", pick(random, WEATHER));
        slots.put("color", pick(random, COLORS));
        slots.put("object", object);
        slots.put("item", item);
        slots.put("size", pick(random, SIZES));
        slots.put("cover", pick(random, COVERS));
        slots.put("place", place.name());
        slots.put("spot", place.spot());
        slots.put("animal", animal.kind());
        slots.put("sound", animal.sound());
        return slots;
    }

    /** Replaces every {@code {slot}}, also inside slot values such as an activity's pronoun. */
    private static String fill(String template, Map<String, String> slots) {
        String text = template;
        while (text.indexOf('{') >= 0) {
            Matcher slot = SLOT.matcher(text);
            StringBuilder out = new StringBuilder();
            while (slot.find()) {
                String value = slots.get(slot.group(1));
                if (value == null) {
                    throw new IllegalStateException("the story template '" + template + "' uses the unknown slot "
                            + slot.group());
                }
                slot.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            slot.appendTail(out);
            text = out.toString();
        }
        return text;
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
