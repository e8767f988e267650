// C++: exceptions thrown across frames, the STL containers and algorithms, iostreams, virtual calls.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual std::string name() const = 0;
};
struct Square : Shape {
    double s;
    explicit Square(double s) : s(s) {}
    double area() const override { return s * s; }
    std::string name() const override { return "square"; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double r) : r(r) {}
    double area() const override { return 3.141592653589793 * r * r; }
    std::string name() const override { return "circle"; }
};

static int depth(int n) {
    if (n == 0) throw std::runtime_error("bottom reached");
    return depth(n - 1) + 1;
}

int main() {
    std::vector<std::unique_ptr<Shape>> shapes;
    for (int i = 1; i <= 6; i++) {
        if (i % 2) shapes.push_back(std::make_unique<Square>(i));
        else shapes.push_back(std::make_unique<Circle>(i));
    }
    std::sort(shapes.begin(), shapes.end(), [](auto &a, auto &b) { return a->area() > b->area(); });
    for (auto &s : shapes) std::cout << s->name() << " " << s->area() << "\n";
    try {
        depth(100);
    } catch (const std::exception &e) {
        std::cout << "caught: " << e.what() << "\n";
    }
    std::map<std::string, int> counts;
    std::unordered_map<int, int> squares;
    std::string text = "the quick brown fox jumps over the lazy dog the end";
    std::string word;
    for (char c : text + " ") {
        if (c == ' ') { if (!word.empty()) counts[word]++; word.clear(); }
        else word += c;
    }
    for (auto &kv : counts) std::cout << kv.first << "=" << kv.second << " ";
    std::cout << "\n";
    for (int i = 0; i < 1000; i++) squares[i] = i * i;
    long sum = 0;
    for (auto &kv : squares) sum += kv.second;
    std::cout << "sum of squares " << sum << "\n";
    try {
        std::vector<int> v(3);
        v.at(7) = 1;
    } catch (const std::out_of_range &) {
        std::cout << "out_of_range caught\n";
    }
    return 0;
}
